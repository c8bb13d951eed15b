package dev.larder.integration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.integration.JavaJournalSerializer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.integration.CacheWriterException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC key/value loader and writer on embedded H2. */
class JdbcKeyValueStoreTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  private DataSource db;

  @BeforeEach
  void setUp() {
    db = dataSource("");
  }

  private static DataSource dataSource(String mode) {
    var ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:jdbcstore" + IDS.incrementAndGet() + ";DB_CLOSE_DELAY=-1" + mode);
    ds.setUser("sa");
    return ds;
  }

  private JdbcKeyValueStore<String, String> strings(SqlDialect dialect) {
    var store = JdbcKeyValueStore.builder(db, ColumnType.varchar(20), ColumnType.varchar(10))
        .table("ITEMS").keyColumn("ID").valueColumn("VAL").dialect(dialect).inListSize(3).build();
    store.createTableIfMissing();
    return store;
  }

  private Map<String, String> rows() throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = db.getConnection(); var r = c.createStatement().executeQuery("SELECT ID, VAL FROM ITEMS")) {
      while (r.next()) {
        rows.put(r.getString(1), r.getString(2));
      }
    }
    return rows;
  }

  private static Cache.Entry<String, String> entry(String key, String value) {
    return new Cache.Entry<>() {
      @Override
      public String getKey() {
        return key;
      }

      @Override
      public String getValue() {
        return value;
      }

      @Override
      public <T> T unwrap(Class<T> clazz) {
        throw new IllegalArgumentException();
      }
    };
  }

  private static List<Cache.Entry<? extends String, ? extends String>> entries(String... keyValues) {
    List<Cache.Entry<? extends String, ? extends String>> list = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      list.add(entry(keyValues[i], keyValues[i + 1]));
    }
    return list;
  }

  @Test
  void writeInsertsThenUpdatesAndLoadReadsItBack() throws SQLException {
    var store = strings(SqlDialect.STANDARD);
    assertThat(store.load("a")).isNull();
    store.write(entry("a", "1"));
    store.write(entry("a", "2"));
    assertThat(store.load("a")).isEqualTo("2");
    assertThat(rows()).isEqualTo(Map.of("a", "2"));
  }

  @Test
  void theH2DialectUpsertsToo() throws SQLException {
    var store = strings(SqlDialect.H2);
    store.writeAll(entries("a", "1", "b", "2"));
    store.writeAll(entries("a", "3"));
    assertThat(rows()).isEqualTo(Map.of("a", "3", "b", "2"));
  }

  @Test
  void theMySqlDialectUpsertsInH2sMySqlMode() throws SQLException {
    db = dataSource(";MODE=MySQL");
    var store = strings(SqlDialect.MYSQL);
    store.write(entry("a", "1"));
    store.write(entry("a", "2"));
    assertThat(rows()).isEqualTo(Map.of("a", "2"));
  }

  @Test
  void loadAllReturnsOnlyTheKeysThatHaveRowsAcrossSeveralInLists() {
    var store = strings(SqlDialect.STANDARD);
    store.writeAll(entries("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
    assertThat(store.loadAll(List.of("a", "b", "c", "d", "e", "x", "y"))) // three IN lists of up to 3
        .isEqualTo(Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
    assertThat(store.loadAll(List.of())).isEmpty();
  }

  @Test
  void deleteAndDeleteAllRemoveRows() throws SQLException {
    var store = strings(SqlDialect.STANDARD);
    store.writeAll(entries("a", "1", "b", "2", "c", "3"));
    store.delete("a");
    store.deleteAll(new ArrayList<>(List.of("b", "missing")));
    assertThat(rows()).isEqualTo(Map.of("c", "3"));
  }

  @Test
  void aFailingWriteAllWritesNothingAndLeavesTheCollectionWhole() throws SQLException {
    var store = strings(SqlDialect.STANDARD);
    var batch = entries("a", "1", "b", "far too long for ten", "c", "3");
    assertThatThrownBy(() -> store.writeAll(batch))
        .isInstanceOf(CacheWriterException.class)
        .hasMessageContaining("ITEMS")
        .hasMessageContaining("nothing of the batch was written");
    assertThat(batch).hasSize(3);
    assertThat(rows()).isEmpty();
  }

  @Test
  void serializedValuesRoundTripThroughABinaryColumn() {
    var store = JdbcKeyValueStore.builder(db, ColumnType.bigint(),
            ColumnType.serialized(ArrayList.class, "BLOB", new JavaJournalSerializer()))
        .table("LISTS").build();
    store.createTableIfMissing();
    var value = new ArrayList<>(List.of("x", "y"));
    store.write(new Cache.Entry<>() {
      @Override
      public Long getKey() {
        return 7L;
      }

      @Override
      public ArrayList getValue() {
        return value;
      }

      @Override
      public <T> T unwrap(Class<T> clazz) {
        throw new IllegalArgumentException();
      }
    });
    assertThat(store.load(7L)).isEqualTo(value);
  }

  @Test
  void tableAndColumnNamesMustBeSqlIdentifiers() {
    var builder = JdbcKeyValueStore.builder(db, ColumnType.integer(), ColumnType.varchar(5));
    assertThatThrownBy(() -> builder.table("items; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table 'items; DROP TABLE x' is not a valid SQL identifier");
    assertThatThrownBy(() -> builder.keyColumn("1id")).hasMessageContaining("keyColumn '1id'");
    assertThatThrownBy(() -> builder.valueColumn("")).hasMessageContaining("valueColumn ''");
    assertThatThrownBy(() -> builder.table("a.b.c")).hasMessageContaining("more than one '.'");
    assertThatThrownBy(() -> builder.keyColumn("SAME").valueColumn("same").build())
        .hasMessageContaining("must differ");
    assertThat(builder.table("PUBLIC.ITEMS").keyColumn("ID").valueColumn("V").build().table()).isEqualTo("PUBLIC.ITEMS");
  }

  @Test
  void aWriterFailureNamesTheKeyAndTheTable() {
    var store = JdbcKeyValueStore.builder(db, ColumnType.varchar(5), ColumnType.varchar(5)).table("NO_SUCH_TABLE").build();
    assertThatThrownBy(() -> store.write(entry("a", "1")))
        .isInstanceOf(CacheWriterException.class)
        .hasMessageContaining("key a")
        .hasMessageContaining("NO_SUCH_TABLE");
    Collection<String> keys = new ArrayList<>(List.of("a"));
    assertThatThrownBy(() -> store.deleteAll(keys)).isInstanceOf(CacheWriterException.class);
    assertThat(keys).containsExactly("a");
  }
}
