package dev.larder.integration.jdbc;

import java.util.List;
import java.util.Objects;

/**
 * The SQL that differs between databases for the {@link JdbcKeyValueStore}: the "insert or update"
 * statement. Names reach it already validated as SQL identifiers.
 *
 * <p>Thread-safety: implementations must be stateless.
 */
@FunctionalInterface
public interface SqlDialect {

  /** The table a statement is for. */
  record Table(String name, String keyColumn, String valueColumn) {}

  /** What each {@code ?} of a statement stands for. */
  enum Parameter { KEY, VALUE }

  /** A statement and, in order, what its {@code ?} parameters stand for. */
  record Statement(String sql, List<Parameter> parameters) {
    public Statement {
      Objects.requireNonNull(sql, "sql");
      parameters = List.copyOf(parameters);
    }
  }

  /** Returns the upsert statement for {@code table}. */
  Statement upsert(Table table);

  /**
   * SQL:2003 {@code MERGE}: H2, HSQLDB, DB2, Oracle 23, SQL Server (which wants a terminating {@code ;}).
   * Every parameter sits where a column gives it its type (compared with the key column or assigned to a
   * column), so binary values and keys are not converted through text and nothing is truncated.
   */
  SqlDialect STANDARD = t -> new Statement("MERGE INTO " + t.name() + " USING (VALUES (1)) AS S (ONE) ON "
      + t.name() + "." + t.keyColumn() + " = ? WHEN MATCHED THEN UPDATE SET " + t.valueColumn() + " = ?"
      + " WHEN NOT MATCHED THEN INSERT (" + t.keyColumn() + ", " + t.valueColumn() + ") VALUES (?, ?)",
      List.of(Parameter.KEY, Parameter.VALUE, Parameter.KEY, Parameter.VALUE));

  /** H2's own {@code MERGE INTO ... KEY (...) VALUES}. */
  SqlDialect H2 = t -> new Statement("MERGE INTO " + t.name() + " (" + t.keyColumn() + ", " + t.valueColumn()
      + ") KEY (" + t.keyColumn() + ") VALUES (?, ?)", List.of(Parameter.KEY, Parameter.VALUE));

  /** PostgreSQL (and SQLite): {@code INSERT ... ON CONFLICT ... DO UPDATE}. */
  SqlDialect POSTGRESQL = t -> new Statement("INSERT INTO " + t.name() + " (" + t.keyColumn() + ", "
      + t.valueColumn() + ") VALUES (?, ?) ON CONFLICT (" + t.keyColumn() + ") DO UPDATE SET " + t.valueColumn()
      + " = EXCLUDED." + t.valueColumn(), List.of(Parameter.KEY, Parameter.VALUE));

  /** MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
  SqlDialect MYSQL = t -> new Statement("INSERT INTO " + t.name() + " (" + t.keyColumn() + ", " + t.valueColumn()
      + ") VALUES (?, ?) ON DUPLICATE KEY UPDATE " + t.valueColumn() + " = VALUES(" + t.valueColumn() + ")",
      List.of(Parameter.KEY, Parameter.VALUE));
}
