package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.larder.jcache.configuration.LarderConfiguration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreByValueTest {

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /** A mutable, serializable value, equal by content. */
  static final class Box implements Serializable {
    int content;

    Box(int content) {
      this.content = content;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Box other && other.content == content;
    }

    @Override
    public int hashCode() {
      return content;
    }
  }

  private <V> Cache<String, V> cache(boolean byValue) {
    return manager.createCache("values", new MutableConfiguration<String, V>().setStoreByValue(byValue));
  }

  @Test
  void mutatingAValueAfterPutDoesNotChangeTheCachedOne() {
    Cache<String, Box> cache = cache(true);
    Box box = new Box(1);
    cache.put("k", box);

    box.content = 2;

    assertThat(cache.get("k").content).isEqualTo(1);
  }

  @Test
  void eachGetHandsOutAnObjectOfItsOwn() {
    Cache<String, Box> cache = cache(true);
    cache.put("k", new Box(1));

    assertThat(cache.get("k")).isEqualTo(new Box(1)).isNotSameAs(cache.get("k"));
  }

  @Test
  void conditionalStepsCompareTheCachedValueByEquality() {
    Cache<String, Box> cache = cache(true);
    cache.put("k", new Box(1));

    assertThat(cache.replace("k", new Box(2), new Box(3))).isFalse();
    assertThat(cache.replace("k", new Box(1), new Box(3))).isTrue();
    assertThat(cache.remove("k", new Box(1))).isFalse();
    assertThat(cache.remove("k", new Box(3))).isTrue();
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void theWeigherWeighsTheValueNotTheFormTheCacheHoldsItIn() {
    List<Object> weighed = new java.util.concurrent.CopyOnWriteArrayList<>();
    LarderConfiguration<String, Box> configuration = new LarderConfiguration<>();
    configuration.setMaximumWeight(1_000).setWeigherFactory(() -> (key, value) -> {
      weighed.add(value);
      return value.content;
    });
    configuration.setExecutorFactory(() -> Runnable::run);
    configuration.setTypes(String.class, Box.class).setStoreByValue(true);
    Cache<String, Box> cache = manager.createCache("weighed", configuration);

    cache.put("k", new Box(7));

    assertThat(weighed).containsExactly(new Box(7));
    assertThat(cache.unwrap(LarderCache.class).weightedSize()).isEqualTo(7);
  }

  @Test
  void mutatingAValueAfterGetDoesNotChangeTheCachedOne() {
    Cache<String, Box> cache = cache(true);
    cache.put("k", new Box(1));

    cache.get("k").content = 2;

    assertThat(cache.get("k").content).isEqualTo(1);
  }

  @Test
  void mutatingAKeyAfterPutDoesNotMoveTheEntry() {
    CacheManager own = TestCaches.newManager();
    Cache<List<String>, String> cache = own.createCache("keys",
        new MutableConfiguration<List<String>, String>().setStoreByValue(true));
    List<String> key = new ArrayList<>(List.of("a"));
    cache.put(key, "v");

    key.add("b");

    assertThat(cache.get(List.of("a"))).isEqualTo("v");
    own.close();
  }

  @Test
  void immutableValuesAreSharedNotCopied() {
    Cache<String, Object> cache = cache(true);
    String text = new String("text");
    BigDecimal number = new BigDecimal("1.5");
    LocalDate date = LocalDate.of(2024, 1, 1);
    UUID id = UUID.randomUUID();
    Long boxed = 123_456_789L;
    cache.put("text", text);
    cache.put("number", number);
    cache.put("date", date);
    cache.put("id", id);
    cache.put("boxed", boxed);

    assertThat(cache.get("text")).isSameAs(text);
    assertThat(cache.get("number")).isSameAs(number);
    assertThat(cache.get("date")).isSameAs(date);
    assertThat(cache.get("id")).isSameAs(id);
    assertThat(cache.get("boxed")).isSameAs(boxed);
  }

  @Test
  void storeByReferenceReturnsTheSameInstance() {
    Cache<String, Box> cache = cache(false);
    Box box = new Box(1);
    cache.put("k", box);

    assertThat(cache.get("k")).isSameAs(box);
  }
}
