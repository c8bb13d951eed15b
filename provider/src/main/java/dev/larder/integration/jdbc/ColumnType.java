package dev.larder.integration.jdbc;

import dev.larder.integration.JournalSerializer;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How a key or value of type {@code T} is kept in one column of the {@link JdbcKeyValueStore} table:
 * its SQL type (for {@code CREATE TABLE}) and how it is bound to and read from JDBC.
 *
 * <p>Thread-safety: implementations must be stateless or immutable; the store shares them.
 */
public interface ColumnType<T> {

  /** The SQL type of the column, e.g. {@code VARCHAR(255)}. */
  String sqlType();

  /** Binds {@code value} (never {@code null}) as parameter {@code index}. */
  void bind(PreparedStatement statement, int index, T value) throws SQLException;

  /** Reads column {@code index} of the current row; {@code null} when SQL NULL. */
  T read(ResultSet row, int index) throws SQLException;

  /** Strings in a {@code VARCHAR(length)} column. */
  static ColumnType<String> varchar(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("VARCHAR length must be positive, was " + length);
    }
    return new ColumnType<>() {
      @Override
      public String sqlType() {
        return "VARCHAR(" + length + ")";
      }

      @Override
      public void bind(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setString(index, value);
      }

      @Override
      public String read(ResultSet row, int index) throws SQLException {
        return row.getString(index);
      }
    };
  }

  /** Longs in a {@code BIGINT} column. */
  static ColumnType<Long> bigint() {
    return new ColumnType<>() {
      @Override
      public String sqlType() {
        return "BIGINT";
      }

      @Override
      public void bind(PreparedStatement statement, int index, Long value) throws SQLException {
        statement.setLong(index, value);
      }

      @Override
      public Long read(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? null : value;
      }
    };
  }

  /** Integers in an {@code INTEGER} column. */
  static ColumnType<Integer> integer() {
    return new ColumnType<>() {
      @Override
      public String sqlType() {
        return "INTEGER";
      }

      @Override
      public void bind(PreparedStatement statement, int index, Integer value) throws SQLException {
        statement.setInt(index, value);
      }

      @Override
      public Integer read(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return row.wasNull() ? null : value;
      }
    };
  }

  /**
   * Any object, turned into bytes by {@code serializer} and kept in a binary column of SQL type
   * {@code sqlType} (e.g. {@code BLOB}, {@code VARBINARY(1000)}, {@code BYTEA}).
   */
  static <T> ColumnType<T> serialized(Class<T> type, String sqlType, JournalSerializer serializer) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sqlType, "sqlType");
    Objects.requireNonNull(serializer, "serializer");
    return new ColumnType<>() {
      @Override
      public String sqlType() {
        return sqlType;
      }

      @Override
      public void bind(PreparedStatement statement, int index, T value) throws SQLException {
        try {
          statement.setBytes(index, serializer.serialize(value));
        } catch (IOException e) {
          throw new SQLException("cannot serialize a " + value.getClass().getName() + " for a " + sqlType + " column", e);
        }
      }

      @Override
      public T read(ResultSet row, int index) throws SQLException {
        byte[] bytes = row.getBytes(index);
        if (bytes == null) {
          return null;
        }
        try {
          return type.cast(serializer.deserialize(bytes));
        } catch (IOException | ClassCastException e) {
          throw new SQLException("cannot deserialize a " + type.getName() + " from a " + sqlType + " column", e);
        }
      }
    };
  }
}
