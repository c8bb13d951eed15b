package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.integration.CacheLoader;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntryProcessorTest {

  private static final AtomicInteger LOADS = new AtomicInteger();

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
    LOADS.set(0);
  }

  /** Loads "loaded-KEY" for every key and counts its calls. */
  static final class EchoLoader implements CacheLoader<String, String>, Serializable {
    @Override
    public String load(String key) {
      LOADS.incrementAndGet();
      return "loaded-" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException("not used");
    }
  }

  private Cache<String, String> cache() {
    return manager.createCache("processors", new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class));
  }

  @Test
  void processorChangesAreApplied() {
    Cache<String, String> cache = cache();
    cache.put("k", "a");

    String previous = cache.invoke("k", (entry, args) -> {
      String old = entry.getValue();
      entry.setValue(old + args[0]);
      return old;
    }, "b");

    assertThat(previous).isEqualTo("a");
    assertThat(cache.get("k")).isEqualTo("ab");
  }

  @Test
  void throwingProcessorGivesEntryProcessorExceptionAndChangesNothing() {
    Cache<String, String> cache = cache();
    cache.put("k", "a");

    assertThatThrownBy(() -> cache.invoke("k", (entry, args) -> {
      entry.setValue("changed");
      throw new IllegalStateException("boom");
    })).isInstanceOf(EntryProcessorException.class).hasCauseInstanceOf(IllegalStateException.class);

    assertThat(cache.get("k")).isEqualTo("a");
  }

  @Test
  void removeAfterSetValueOnAnAbsentKeyLeavesItAbsent() {
    Cache<String, String> cache = cache();

    cache.invoke("k", (entry, args) -> {
      entry.setValue("v");
      entry.remove();
      return null;
    });

    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void getValueLoadsThroughTheLoaderAndStoresWithACreatedEvent() {
    List<String> created = new CopyOnWriteArrayList<>();
    CacheEntryCreatedListener<String, String> listener =
        events -> events.forEach(event -> created.add(event.getKey() + "=" + event.getValue()));
    Cache<String, String> cache = manager.createCache("loading", new MutableConfiguration<String, String>()
        .setReadThrough(true)
        .setCacheLoaderFactory(EchoLoader::new)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            () -> listener, null, false, true)));

    boolean existed = cache.invoke("k", (entry, args) -> entry.exists());
    assertThat(existed).isFalse();
    assertThat(LOADS).as("exists() does not load").hasValue(0);
    String loaded = cache.invoke("k", (entry, args) -> entry.getValue());
    assertThat(loaded).isEqualTo("loaded-k");

    assertThat(LOADS).hasValue(1);
    assertThat(cache.get("k")).isEqualTo("loaded-k");
    assertThat(created).containsExactly("k=loaded-k");
  }

  @Test
  void invokeAllReportsEachKeysResultOrFailure() {
    Cache<String, String> cache = cache();
    cache.put("good", "g");
    cache.put("bad", "b");

    Map<String, EntryProcessorResult<String>> results = cache.invokeAll(Set.of("good", "bad", "absent"),
        (entry, args) -> {
          if (entry.getKey().equals("bad")) {
            throw new IllegalArgumentException("bad key");
          }
          return entry.getValue();
        });

    assertThat(results).containsOnlyKeys("good", "bad");
    assertThat(results.get("good").get()).isEqualTo("g");
    assertThatThrownBy(() -> results.get("bad").get()).isInstanceOf(EntryProcessorException.class);
  }

  @Test
  void settingAValueOfTheWrongTypeFails() {
    Cache<String, String> cache = cache();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Cache<String, Object> raw = (Cache) cache;

    assertThatThrownBy(() -> raw.invoke("k", (entry, args) -> {
      entry.setValue(42);
      return null;
    })).isInstanceOf(EntryProcessorException.class).hasCauseInstanceOf(ClassCastException.class);
    assertThat(cache.containsKey("k")).isFalse();
  }
}
