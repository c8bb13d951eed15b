package dev.larder.examples;

import dev.larder.integration.jdbc.ColumnType;
import dev.larder.integration.jdbc.JdbcKeyValueStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded H2 database of the examples: a {@code PRODUCTS(ID INTEGER, NAME VARCHAR)} table behind a
 * {@link JdbcKeyValueStore}, and a way to print what the table holds.
 *
 * <p>Thread-safety: the data source and the store are thread-safe.
 */
final class ExampleDatabase {

  final DataSource dataSource;
  final JdbcKeyValueStore<Integer, String> products;

  /** Creates (empty) the in-memory database {@code name} and its PRODUCTS table. */
  ExampleDatabase(String name) {
    var h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    this.dataSource = h2;
    this.products = JdbcKeyValueStore.builder(dataSource, ColumnType.integer(), ColumnType.varchar(100))
        .table("PRODUCTS").keyColumn("ID").valueColumn("NAME").build();
    execute("DROP TABLE IF EXISTS PRODUCTS");
    products.createTableIfMissing();
  }

  /** Inserts products 1..count named {@code product-<id>}. */
  void seed(int count) {
    execute("INSERT INTO PRODUCTS (ID, NAME) SELECT X, 'product-' || X FROM SYSTEM_RANGE(1, " + count + ")");
  }

  /** The rows of PRODUCTS, by id. */
  Map<Integer, String> rows() {
    Map<Integer, String> rows = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        var s = c.createStatement();
        var r = s.executeQuery("SELECT ID, NAME FROM PRODUCTS")) {
      while (r.next()) {
        rows.put(r.getInt(1), r.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read PRODUCTS: " + e.getMessage(), e);
    }
    return rows;
  }

  /** Drops the database. */
  void drop() {
    execute("DROP ALL OBJECTS");
  }

  private void execute(String sql) {
    try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run [" + sql + "]: " + e.getMessage(), e);
    }
  }
}
