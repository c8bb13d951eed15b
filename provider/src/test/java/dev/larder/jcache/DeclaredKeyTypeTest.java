package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.policy.PolicyKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bounded cache that declares {@code Integer} or {@code Short} keys has its keys told apart by hash
 * code in the engine: every operation must still find a key through an equal instance that is not
 * the stored one, and keys of another class must stay out.
 */
class DeclaredKeyTypeTest {

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private <K> Cache<K, String> cache(String name, Class<K> keyType, int maximumSize) {
    LarderConfiguration<K, String> configuration = new LarderConfiguration<K, String>()
        .setMaximumSize(maximumSize).setPolicy(PolicyKind.LRU);
    configuration.setTypes(keyType, String.class).setStatisticsEnabled(true);
    configuration.setExecutorFactory(() -> Runnable::run);
    return manager.createCache(name, configuration);
  }

  /** An Integer equal to {@code value} but a new instance (outside the Integer cache of -128..127). */
  private static Integer fresh(int value) {
    Integer key = Integer.valueOf(value);
    assertThat(key).isNotSameAs(Integer.valueOf(value));
    return key;
  }

  @Test
  void everyOperationFindsItsKeyThroughAnotherEqualInstance() {
    Cache<Integer, String> cache = cache("integers", Integer.class, 1_000);
    for (int i = 1_000; i < 1_500; i++) {
      cache.put(fresh(i), "v" + i);
    }

    for (int i = 1_000; i < 1_500; i++) {
      assertThat(cache.get(fresh(i))).isEqualTo("v" + i);
      assertThat(cache.containsKey(fresh(i))).isTrue();
    }
    assertThat(cache.get(fresh(1_500))).isNull();
    Set<Integer> some = new HashSet<>();
    for (int i = 1_000; i < 1_010; i++) {
      some.add(fresh(i));
    }
    assertThat(cache.getAll(some)).hasSize(10).containsEntry(fresh(1_003), "v1003");
    assertThat(cache.replace(fresh(1_001), "v1001", "r1001")).isTrue();
    assertThat(cache.getAndPut(fresh(1_002), "p1002")).isEqualTo("v1002");
    String processed = cache.invoke(fresh(1_004), (entry, arguments) -> entry.getValue());
    assertThat(processed).isEqualTo("v1004");
    assertThat(cache.putIfAbsent(fresh(1_005), "x")).isFalse();
    assertThat(cache.remove(fresh(1_006))).isTrue();
    assertThat(cache.remove(fresh(1_006))).isFalse();

    Map<Integer, String> seen = new HashMap<>();
    cache.forEach(entry -> seen.put(entry.getKey(), entry.getValue()));
    assertThat(seen).hasSize(499).containsEntry(1_001, "r1001").containsEntry(1_002, "p1002")
        .doesNotContainKey(1_006);
    LarderCache<?, ?> larder = cache.unwrap(LarderCache.class);
    // Hits as the spec counts them: 500 gets, 10 through getAll, one each for replace, getAndPut,
    // invoke's getValue and putIfAbsent of a present key, and 499 entries iterated.
    assertThat(larder.statistics().getCacheHits()).isEqualTo(500 + 10 + 4 + 499);
    assertThat(larder.statistics().getCacheMisses()).isEqualTo(1);
  }

  @Test
  void theBoundHoldsAndEvictedKeysAreGoneForEveryInstance() {
    Cache<Integer, String> cache = cache("bounded", Integer.class, 100);
    for (int i = 1_000; i < 2_000; i++) {
      cache.put(fresh(i), "v" + i);
    }
    LarderCache<?, ?> larder = cache.unwrap(LarderCache.class);
    larder.cleanUp();

    int present = 0;
    for (int i = 1_000; i < 2_000; i++) {
      String value = cache.get(fresh(i));
      if (value != null) {
        present++;
        assertThat(value).isEqualTo("v" + i);
      }
    }
    assertThat(present).isEqualTo(100);
    // LRU: the last hundred puts are the ones kept.
    assertThat(cache.get(fresh(1_999))).isEqualTo("v1999");
    assertThat(cache.get(fresh(1_899))).isNull();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aKeyOfAnotherClassIsRefusedAndNothingStoredIsLost() {
    Cache<Integer, String> cache = cache("refusing", Integer.class, 100);
    cache.put(fresh(1_000), "kept");

    Cache raw = cache;
    assertThatThrownBy(() -> raw.put(1_000L, "long")).isInstanceOf(ClassCastException.class);
    assertThatThrownBy(() -> raw.get(1_000L)).isInstanceOf(ClassCastException.class);
    assertThat(cache.get(fresh(1_000))).isEqualTo("kept");
    assertThat(cache.unwrap(LarderCache.class).estimatedSize()).isEqualTo(1);
  }

  @Test
  void shortKeysAreFoundThroughEqualInstancesToo() {
    Cache<Short, String> cache = cache("shorts", Short.class, 1_000);
    for (short i = 1_000; i < 1_300; i++) {
      cache.put(Short.valueOf(i), "s" + i);
    }
    for (short i = 1_000; i < 1_300; i++) {
      Short probe = Short.valueOf(i);
      assertThat(probe).isNotSameAs(Short.valueOf(i));
      assertThat(cache.get(probe)).isEqualTo("s" + i);
    }
    assertThat(cache.get(Short.valueOf((short) -1_000))).isNull();
  }
}
