package dev.larder.integration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.sql.DataSource;

/**
 * A {@link CacheLoader} and {@link CacheWriter} over one key/value table reached through any JDBC
 * {@link DataSource}: {@code load} is a {@code SELECT} by key, {@code loadAll} a {@code SELECT ... IN}
 * per chunk of keys, {@code write}/{@code writeAll} a (batched) upsert from the {@link SqlDialect},
 * {@code delete}/{@code deleteAll} a (batched) {@code DELETE}. Each {@code writeAll}/{@code deleteAll} is
 * one transaction: if it fails nothing of it is written and the collection is left as it was (in JCache
 * terms, every entry still in the collection was not written).
 *
 * <p>Thread-safety: thread-safe; each call borrows its own connection from the data source.
 */
public final class JdbcKeyValueStore<K, V> implements CacheLoader<K, V>, CacheWriter<K, V> {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private final DataSource dataSource;
  private final ColumnType<K> keyType;
  private final ColumnType<V> valueType;
  private final String table;
  private final String keyColumn;
  private final String valueColumn;
  private final int inListSize;
  private final String selectOne;
  private final SqlDialect.Statement upsert;
  private final String delete;

  private JdbcKeyValueStore(Builder<K, V> builder) {
    this.dataSource = builder.dataSource;
    this.keyType = builder.keyType;
    this.valueType = builder.valueType;
    this.table = builder.table;
    this.keyColumn = builder.keyColumn;
    this.valueColumn = builder.valueColumn;
    this.inListSize = builder.inListSize;
    this.selectOne = "SELECT " + valueColumn + " FROM " + table + " WHERE " + keyColumn + " = ?";
    this.upsert = Objects.requireNonNull(builder.dialect.upsert(new SqlDialect.Table(table, keyColumn, valueColumn)),
        "the dialect's upsert statement");
    this.delete = "DELETE FROM " + table + " WHERE " + keyColumn + " = ?";
  }

  /** Starts a store over {@code dataSource} with the given key and value column types. */
  public static <K, V> Builder<K, V> builder(DataSource dataSource, ColumnType<K> keyType, ColumnType<V> valueType) {
    return new Builder<>(dataSource, keyType, valueType);
  }

  /**
   * Configures a {@link JdbcKeyValueStore}. Defaults: table {@code CACHE_ENTRIES}, columns {@code K} and
   * {@code V}, dialect {@link SqlDialect#STANDARD}, 100 keys per {@code IN} list.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder<K, V> {
    private final DataSource dataSource;
    private final ColumnType<K> keyType;
    private final ColumnType<V> valueType;
    private String table = "CACHE_ENTRIES";
    private String keyColumn = "K";
    private String valueColumn = "V";
    private SqlDialect dialect = SqlDialect.STANDARD;
    private int inListSize = 100;

    private Builder(DataSource dataSource, ColumnType<K> keyType, ColumnType<V> valueType) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /** The table, optionally schema-qualified ({@code schema.table}); each part a plain SQL identifier. */
    public Builder<K, V> table(String table) {
      Objects.requireNonNull(table, "table");
      String[] parts = table.split("\\.", -1);
      if (parts.length > 2) {
        throw new IllegalArgumentException("table '" + table + "' has more than one '.'; use table or schema.table");
      }
      for (String part : parts) {
        identifier("table", part);
      }
      this.table = table;
      return this;
    }

    /** The key column (the table's primary key); a plain SQL identifier. */
    public Builder<K, V> keyColumn(String keyColumn) {
      this.keyColumn = identifier("keyColumn", keyColumn);
      return this;
    }

    /** The value column; a plain SQL identifier. */
    public Builder<K, V> valueColumn(String valueColumn) {
      this.valueColumn = identifier("valueColumn", valueColumn);
      return this;
    }

    /** The upsert flavour of the database. */
    public Builder<K, V> dialect(SqlDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /** How many keys one {@code SELECT ... WHERE key IN (...)} of {@code loadAll} carries. */
    public Builder<K, V> inListSize(int inListSize) {
      if (inListSize <= 0) {
        throw new IllegalArgumentException("inListSize must be positive, was " + inListSize);
      }
      this.inListSize = inListSize;
      return this;
    }

    public JdbcKeyValueStore<K, V> build() {
      if (keyColumn.equalsIgnoreCase(valueColumn)) {
        throw new IllegalArgumentException("keyColumn and valueColumn must differ, both are '" + keyColumn + "'");
      }
      return new JdbcKeyValueStore<>(this);
    }

    private static String identifier(String what, String name) {
      Objects.requireNonNull(name, what);
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException(what + " '" + name + "' is not a valid SQL identifier: use 1 to 128"
            + " letters, digits and underscores, starting with a letter or an underscore");
      }
      return name;
    }
  }

  /** Creates the table ({@code key PRIMARY KEY, value}) unless it exists. */
  public void createTableIfMissing() {
    String ddl = "CREATE TABLE IF NOT EXISTS " + table + " (" + keyColumn + " " + keyType.sqlType()
        + " PRIMARY KEY, " + valueColumn + " " + valueType.sqlType() + ")";
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new javax.cache.CacheException("cannot create table " + table + " with [" + ddl + "]: " + e.getMessage(), e);
    }
  }

  /** The table this store reads and writes. */
  public String table() {
    return table;
  }

  // ---------------------------------------------------------------- CacheLoader

  @Override
  public V load(K key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(selectOne)) {
      keyType.bind(statement, 1, key);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? valueType.read(row, 1) : null;
      }
    } catch (SQLException e) {
      throw new CacheLoaderException("cannot load key " + key + " from table " + table + ": " + e.getMessage(), e);
    }
  }

  /** Loads the keys that have a row; keys without one are absent from the result. */
  @Override
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    List<K> all = new ArrayList<>();
    keys.forEach(all::add);
    Map<K, V> result = new HashMap<>();
    if (all.isEmpty()) {
      return result;
    }
    try (Connection connection = dataSource.getConnection()) {
      for (int from = 0; from < all.size(); from += inListSize) {
        List<K> chunk = all.subList(from, Math.min(all.size(), from + inListSize));
        String sql = "SELECT " + keyColumn + ", " + valueColumn + " FROM " + table + " WHERE " + keyColumn + " IN ("
            + "?, ".repeat(chunk.size() - 1) + "?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          for (int i = 0; i < chunk.size(); i++) {
            keyType.bind(statement, i + 1, chunk.get(i));
          }
          try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
              result.put(keyType.read(row, 1), valueType.read(row, 2));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new CacheLoaderException("cannot load " + all.size() + " keys from table " + table + ": " + e.getMessage(), e);
    }
    return result;
  }

  // ---------------------------------------------------------------- CacheWriter

  @Override
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(upsert.sql())) {
      bindUpsert(statement, entry);
      statement.executeUpdate();
      commitIfNeeded(connection);
    } catch (SQLException e) {
      throw new CacheWriterException("cannot write key " + entry.getKey() + " to table " + table + ": "
          + e.getMessage(), e);
    }
  }

  /** Upserts every entry in one transaction; on failure none is written and the collection is unchanged. */
  @Override
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    inTransaction("write " + entries.size() + " entries to", upsert.sql(), statement -> {
      for (Cache.Entry<? extends K, ? extends V> entry : entries) {
        bindUpsert(statement, entry);
        statement.addBatch();
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public void delete(Object key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(delete)) {
      keyType.bind(statement, 1, (K) key);
      statement.executeUpdate();
      commitIfNeeded(connection);
    } catch (SQLException | ClassCastException e) {
      throw new CacheWriterException("cannot delete key " + key + " from table " + table + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every key in one transaction; on failure none is deleted and the collection is unchanged. */
  @Override
  @SuppressWarnings("unchecked")
  public void deleteAll(Collection<?> keys) {
    if (keys.isEmpty()) {
      return;
    }
    inTransaction("delete " + keys.size() + " keys from", delete, statement -> {
      for (Object key : keys) {
        keyType.bind(statement, 1, (K) key);
        statement.addBatch();
      }
    });
  }

  private void bindUpsert(PreparedStatement statement, Cache.Entry<? extends K, ? extends V> entry)
      throws SQLException {
    List<SqlDialect.Parameter> parameters = upsert.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i) == SqlDialect.Parameter.KEY) {
        keyType.bind(statement, i + 1, entry.getKey());
      } else {
        valueType.bind(statement, i + 1, entry.getValue());
      }
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private void inTransaction(String what, String sql, Binder binder) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        binder.bind(statement);
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException | ClassCastException e) {
      throw new CacheWriterException("cannot " + what + " table " + table + " (nothing of the batch was written): "
          + e.getMessage(), e);
    }
  }

  private static void commitIfNeeded(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollback) {
      cause.addSuppressed(rollback);
    }
  }

  @Override
  public String toString() {
    return "JdbcKeyValueStore[" + table + "(" + keyColumn + ", " + valueColumn + ")]";
  }
}
