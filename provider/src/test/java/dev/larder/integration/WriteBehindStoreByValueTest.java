package dev.larder.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;

/** A store-by-value cache that writes behind hands the writer the value as it was put, not as the caller changed it later. */
class WriteBehindStoreByValueTest {

  /** Records the values it is given, as they are when it is given them. */
  public static final class SnapshotWriter implements CacheWriter<String, ArrayList<String>>, Serializable {
    static final Map<String, List<String>> WRITTEN = new ConcurrentHashMap<>();

    @Override
    public void write(Cache.Entry<? extends String, ? extends ArrayList<String>> entry) {
      WRITTEN.put(entry.getKey(), List.copyOf(entry.getValue()));
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends ArrayList<String>>> entries) {
      entries.forEach(this::write);
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      WRITTEN.remove(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(WRITTEN::remove);
      keys.clear();
    }
  }

  @Test
  void callerChangingItsValueAfterPutDoesNotChangeWhatIsWrittenBehind() {
    SnapshotWriter.WRITTEN.clear();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<ArrayList<String>> listType = (Class) ArrayList.class;
    LarderConfiguration<String, ArrayList<String>> configuration = new LarderConfiguration<String, ArrayList<String>>()
        .setTypes(String.class, listType)
        .setStoreByValue(true)
        .setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(SnapshotWriter.class))
        .setWriteMode(WriteMode.BEHIND)
        .setWriteBehind(new WriteBehindSettings().setFlushDelay(Duration.ofHours(1)));
    CacheManager manager = Caching.getCachingProvider(LarderCachingProvider.class.getName())
        .getCacheManager(URI.create("larder:write-behind-by-value"), getClass().getClassLoader());
    Cache<String, ArrayList<String>> cache = manager.createCache("lists", configuration);

    ArrayList<String> value = new ArrayList<>(List.of("as put"));
    cache.put("k", value);
    value.add("changed after put");
    putAllThenChange(cache);
    manager.close();

    assertThat(SnapshotWriter.WRITTEN)
        .containsEntry("k", List.of("as put"))
        .containsEntry("batch", List.of("as put"));
  }

  private static void putAllThenChange(Cache<String, ArrayList<String>> cache) {
    ArrayList<String> value = new ArrayList<>(List.of("as put"));
    cache.putAll(Map.of("batch", value));
    value.add("changed after putAll");
  }
}
