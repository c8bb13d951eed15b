package dev.larder.integration.jdbc;

/**
 * The SQL that differs between databases for the {@link JdbcKeyValueStore}: the "insert or update"
 * statement. Every statement takes the key as parameter 1 and the value as parameter 2. Table and column
 * names reach it already validated as SQL identifiers.
 *
 * <p>Thread-safety: implementations must be stateless.
 */
@FunctionalInterface
public interface SqlDialect {

  /** Returns the upsert statement for {@code table} with parameters (key, value). */
  String upsert(String table, String keyColumn, String valueColumn);

  /** SQL:2003 {@code MERGE ... USING (VALUES ...)}: H2, HSQLDB, DB2, SQL Server (with a terminating {@code ;}), Oracle 23. */
  SqlDialect STANDARD = (t, k, v) -> "MERGE INTO " + t + " USING (VALUES (?, ?)) AS S (K0, V0) ON " + t + "." + k
      + " = S.K0 WHEN MATCHED THEN UPDATE SET " + v + " = S.V0 WHEN NOT MATCHED THEN INSERT (" + k + ", " + v
      + ") VALUES (S.K0, S.V0)";

  /** H2's own {@code MERGE INTO ... KEY (...) VALUES}. */
  SqlDialect H2 = (t, k, v) -> "MERGE INTO " + t + " (" + k + ", " + v + ") KEY (" + k + ") VALUES (?, ?)";

  /** PostgreSQL (and SQLite): {@code INSERT ... ON CONFLICT ... DO UPDATE}. */
  SqlDialect POSTGRESQL = (t, k, v) -> "INSERT INTO " + t + " (" + k + ", " + v + ") VALUES (?, ?) ON CONFLICT ("
      + k + ") DO UPDATE SET " + v + " = EXCLUDED." + v;

  /** MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
  SqlDialect MYSQL = (t, k, v) -> "INSERT INTO " + t + " (" + k + ", " + v + ") VALUES (?, ?) ON DUPLICATE KEY UPDATE "
      + v + " = VALUES(" + v + ")";
}
