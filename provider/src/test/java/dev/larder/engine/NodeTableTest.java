package dev.larder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeTableTest {

  /** Keys whose hash codes all collide, so chains get long and every write shares one stripe. */
  record Colliding(int id) {
    @Override
    public int hashCode() {
      return 7;
    }
  }

  private static <K> Node<K, String> put(NodeTable<K, String> table, K key, String value) {
    Node<K, String> node = new Node<>(key, value);
    table.compute(key, (k, current) -> {
      if (current != null) {
        @SuppressWarnings("unchecked")
        Node<K, String> old = (Node<K, String>) current;
        old.value = null;
      }
      return node;
    });
    return node;
  }

  @SuppressWarnings("unchecked")
  private static <K> String valueOf(NodeTable<K, String> table, K key) {
    Node<K, String> node = (Node<K, String>) table.get(key);
    return (node == null) ? null : node.value;
  }

  @ParameterizedTest(name = "keys declared as {0}")
  @ValueSource(classes = {Object.class, Integer.class})
  void storesReplacesAndRemovesNodesAcrossGrowth(Class<?> keyType) {
    NodeTable<Integer, String> table = new NodeTable<>(Long.MAX_VALUE, keyType);
    for (int i = 0; i < 10_000; i++) {
      put(table, i, "v" + i);
    }
    for (int i = 0; i < 10_000; i += 2) {
      put(table, i, "w" + i);
    }
    for (int i = 0; i < 10_000; i += 3) {
      Object node = table.get(i);
      assertThat(table.remove(i, node)).isTrue();
      assertThat(table.remove(i, node)).as("already removed").isFalse();
    }

    assertThat(table.mappingCount()).isEqualTo(10_000 - 3334);
    for (int i = 0; i < 10_000; i++) {
      String expected = (i % 3 == 0) ? null : ((i % 2 == 0) ? "w" : "v") + i;
      assertThat(valueOf(table, i)).as("key %d", i).isEqualTo(expected);
    }
  }

  @Test
  void growthStopsAtTheCapForACountBound() throws Exception {
    NodeTable<Integer, String> table = new NodeTable<>(1000, Object.class);
    for (int i = 0; i < 5000; i++) {
      put(table, i, "v");
    }
    java.lang.reflect.Field field = NodeTable.class.getDeclaredField("table");
    field.setAccessible(true);
    assertThat(((Object[]) field.get(table)).length).isEqualTo(1024);
    assertThat(valueOf(table, 4999)).isEqualTo("v");
  }

  @Test
  void keysToldApartByHashRefuseOtherClassesAndMissForeignProbes() {
    NodeTable<Object, String> table = new NodeTable<>(Long.MAX_VALUE, Integer.class);
    put(table, 5, "five");

    assertThatThrownBy(() -> put(table, 5L, "long"))
        .isInstanceOf(ClassCastException.class).hasMessageContaining("java.lang.Integer").hasMessageContaining("java.lang.Long");
    assertThat(table.mappingCount()).isEqualTo(1);
    // 5L has Integer 5's hash code: a probe of another class is still compared with equals.
    assertThat(valueOf(table, (Object) 5L)).isNull();
    assertThat(valueOf(table, (Object) Integer.valueOf(5))).isEqualTo("five");
  }

  @Test
  void equalIntegersOfDistinctInstancesFindEachOtherWhenToldApartByHash() {
    NodeTable<Integer, String> table = new NodeTable<>(Long.MAX_VALUE, Integer.class);
    for (int i = 1000; i < 3000; i++) {
      put(table, Integer.valueOf(i), "v" + i);
    }
    for (int i = 1000; i < 3000; i++) {
      Integer probe = Integer.valueOf(i);
      Node<?, ?> node = (Node<?, ?>) table.get(probe);
      assertThat(node.key).isNotSameAs(probe).isEqualTo(probe);
      assertThat(node.value).isEqualTo("v" + i);
    }
    assertThat(table.get(Integer.valueOf(3000))).isNull();
  }

  @Test
  void aTableOfAnyKeysKeepsAnIntegerAndAnotherKeyOfTheSameHashApart() {
    NodeTable<Object, String> table = new NodeTable<>(Long.MAX_VALUE, Object.class);
    put(table, 7, "integer");
    put(table, new Colliding(1), "colliding");

    assertThat(valueOf(table, (Object) 7)).isEqualTo("integer");
    assertThat(valueOf(table, (Object) new Colliding(1))).isEqualTo("colliding");
    assertThat(valueOf(table, (Object) 7L)).isNull();
  }

  @Test
  void collidingKeysShareAChainAndStayDistinct() {
    NodeTable<Colliding, String> table = new NodeTable<>(Long.MAX_VALUE, Object.class);
    for (int i = 0; i < 200; i++) {
      put(table, new Colliding(i), "v" + i);
    }
    Node<?, ?> middle = (Node<?, ?>) table.get(new Colliding(100));
    assertThat(table.remove(new Colliding(100), middle)).isTrue();

    for (int i = 0; i < 200; i++) {
      assertThat(valueOf(table, new Colliding(i))).isEqualTo(i == 100 ? null : "v" + i);
    }
  }

  @Test
  void iteratorReturnsEveryLiveKeyOnce() {
    NodeTable<Integer, String> table = new NodeTable<>(Long.MAX_VALUE, Object.class);
    for (int i = 0; i < 3000; i++) {
      put(table, i, "v");
    }
    List<Integer> seen = new ArrayList<>();
    table.keyIterator().forEachRemaining(seen::add);

    assertThat(seen).hasSize(3000).doesNotHaveDuplicates();
  }

  @Test
  void remappingThatRewritesItsOwnKeyIsRefused() {
    NodeTable<Integer, String> table = new NodeTable<>(Long.MAX_VALUE, Object.class);
    assertThatThrownBy(() -> table.compute(1, (key, current) -> {
      put(table, 1, "nested");
      return new Node<>(1, "outer");
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("key 1");
    assertThat(valueOf(table, 1)).isEqualTo("nested");
  }

  @Test
  void remappingMayWriteOtherKeysOfItsStripe() {
    NodeTable<Colliding, String> table = new NodeTable<>(Long.MAX_VALUE, Object.class);
    put(table, new Colliding(1), "a");
    table.compute(new Colliding(2), (key, current) -> {
      put(table, new Colliding(3), "c");
      return new Node<>(key, "b");
    });

    assertThat(valueOf(table, new Colliding(1))).isEqualTo("a");
    assertThat(valueOf(table, new Colliding(2))).isEqualTo("b");
    assertThat(valueOf(table, new Colliding(3))).isEqualTo("c");
    assertThat(table.mappingCount()).isEqualTo(3);
  }

  /**
   * Writers own disjoint key ranges and put, replace and remove at random while the table grows;
   * afterwards the table holds exactly what each writer's own model says, and counts it right.
   */
  @ParameterizedTest(name = "keys declared as {0}")
  @ValueSource(classes = {Object.class, Integer.class})
  void concurrentWritersOfDisjointKeysLoseNothingAcrossGrowth(Class<?> keyType) throws Exception {
    NodeTable<Integer, String> table = new NodeTable<>(Long.MAX_VALUE, keyType);
    int writers = 3;
    int range = 40_000;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<java.util.Map<Integer, String>>> models = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int base = w * range;
      models.add(pool.submit(() -> {
        java.util.Map<Integer, String> model = new java.util.HashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        start.await();
        for (int op = 0; op < 150_000; op++) {
          int key = base + random.nextInt(range);
          if (random.nextInt(4) == 0) {
            Object node = table.get(key);
            if (node != null) {
              assertThat(table.remove(key, node)).isTrue();
            }
            model.remove(key);
          } else {
            String value = "v" + op;
            put(table, key, value);
            model.put(key, value);
          }
        }
        return model;
      }));
    }
    start.countDown();
    java.util.Map<Integer, String> expected = new java.util.HashMap<>();
    for (Future<java.util.Map<Integer, String>> model : models) {
      expected.putAll(model.get());
    }
    pool.shutdown();

    assertThat(table.mappingCount()).isEqualTo(expected.size());
    for (int key = 0; key < writers * range; key++) {
      assertThat(valueOf(table, key)).as("key %d", key).isEqualTo(expected.get(key));
    }
  }

  /**
   * Readers look up keys that are always present while writers grow the table (inserting new keys)
   * and replace the stable keys' nodes: a reader must never miss a stable key, nor see a wrong one.
   */
  @ParameterizedTest(name = "keys declared as {0}")
  @ValueSource(classes = {Object.class, Integer.class})
  void readersNeverMissAPresentKeyWhileWritersGrowAndReplace(Class<?> keyType) throws Exception {
    NodeTable<Integer, String> table = new NodeTable<>(Long.MAX_VALUE, keyType);
    int stable = 512;
    for (int i = 0; i < stable; i++) {
      put(table, i, "s" + i);
    }
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(pool.submit(() -> {
        start.await();
        int problems = 0;
        while (!done.get()) {
          int key = ThreadLocalRandom.current().nextInt(stable);
          Node<?, ?> node = (Node<?, ?>) table.get(key);
          if (node == null || !node.key.equals(key)) {
            problems++;
          }
        }
        return problems;
      }));
    }
    Future<?> grower = pool.submit(() -> {
      start.await();
      for (int i = stable; i < 200_000; i++) {
        put(table, i, "g");
      }
      return null;
    });
    Future<?> replacer = pool.submit(() -> {
      start.await();
      while (!done.get()) {
        int key = ThreadLocalRandom.current().nextInt(stable);
        Node<Integer, String> fresh = new Node<>(key, "r" + key);
        // Like the store: the new node is published in the same step that retires the old one.
        table.compute(key, (k, current) -> fresh);
      }
      return null;
    });
    start.countDown();
    grower.get();
    done.set(true);
    replacer.get();
    for (Future<Integer> reader : readers) {
      assertThat(reader.get()).as("lookups of a present key that missed or found another key").isZero();
    }
    pool.shutdown();

    assertThat(table.mappingCount()).isEqualTo(200_000);
    Set<Integer> keys = new HashSet<>();
    for (Iterator<Integer> it = table.keyIterator(); it.hasNext();) {
      assertThat(keys.add(it.next())).isTrue();
    }
    assertThat(keys).hasSize(200_000);
  }
}
