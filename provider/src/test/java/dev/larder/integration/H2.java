package dev.larder.integration;

import dev.larder.integration.jdbc.ColumnType;
import dev.larder.integration.jdbc.JdbcKeyValueStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Embedded H2 databases for tests: a fresh in-memory one per call, and table dumps. */
final class H2 {
  private static final AtomicInteger IDS = new AtomicInteger();

  private H2() {}

  static DataSource newInMemory() {
    return withUrl("jdbc:h2:mem:larder" + IDS.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
  }

  static DataSource withUrl(String url) {
    var ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    return ds;
  }

  /** A store of String keys and values in table ITEMS(ID, VAL), created. */
  static JdbcKeyValueStore<String, String> stringStore(DataSource ds) {
    var store = JdbcKeyValueStore.builder(ds, ColumnType.varchar(64), ColumnType.varchar(1000))
        .table("ITEMS").keyColumn("ID").valueColumn("VAL").build();
    store.createTableIfMissing();
    return store;
  }

  /** The rows of ITEMS, sorted by key. */
  static Map<String, String> rows(DataSource ds) {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = ds.getConnection();
        var s = c.createStatement();
        var r = s.executeQuery("SELECT ID, VAL FROM ITEMS")) {
      while (r.next()) {
        rows.put(r.getString(1), r.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
