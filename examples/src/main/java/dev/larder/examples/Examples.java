package dev.larder.examples;

import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.net.URI;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;

/**
 * What the strategy examples share: a cache manager of their own and a configuration with the counting
 * loader and writer over the example database.
 *
 * <p>Thread-safety: stateless.
 */
final class Examples {

  private Examples() {}

  /** A cache manager named after the example; close it at the end. */
  static CacheManager manager(String example) {
    return Caching.getCachingProvider(LarderCachingProvider.class.getName())
        .getCacheManager(URI.create("larder:" + example), Examples.class.getClassLoader());
  }

  /** A products cache configuration reading through {@code loader} and writing to {@code writer}. */
  static LarderConfiguration<Integer, String> products(Counting.Loader<Integer, String> loader,
      Counting.Writer<Integer, String> writer) {
    var configuration = new LarderConfiguration<Integer, String>()
        .setTypes(Integer.class, String.class)
        .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader))
        .setReadThrough(true);
    if (writer != null) {
      configuration.setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(writer)).setWriteThrough(true);
    }
    return configuration;
  }
}
