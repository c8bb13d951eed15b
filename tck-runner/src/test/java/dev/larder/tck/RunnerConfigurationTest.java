package dev.larder.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.LarderCache;
import dev.larder.jcache.LarderCacheManager;
import dev.larder.jcache.LarderEntry;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/**
 * Checks the settings the TCK run depends on, which the TCK itself would not notice if they were
 * wrong: a missing unwrap class makes its unwrap assertions no-ops, a second provider or a set
 * {@code javax.cache.spi.CachingProvider} changes which implementation is tested, and a longer
 * exclude list would silently drop tests. Runs in the annotation execution, which shares the core
 * execution's system properties (see the runner's pom).
 *
 * <p>Thread-safety: single-threaded JUnit test.
 */
class RunnerConfigurationTest {

  @Test
  void unwrapPropertiesNameLarderTypes() throws ClassNotFoundException {
    assertThat(unwrapClass("javax.cache.CacheManager"))
        .isEqualTo(LarderCacheManager.class).isAssignableTo(CacheManager.class);
    assertThat(unwrapClass("javax.cache.Cache"))
        .isEqualTo(LarderCache.class).isAssignableTo(Cache.class);
    assertThat(unwrapClass("javax.cache.Cache.Entry"))
        .isEqualTo(LarderEntry.class).isAssignableTo(Cache.Entry.class);
  }

  @Test
  void larderIsTheOnlyCachingProvider() {
    assertThat(System.getProperty("javax.cache.spi.CachingProvider")).isNull();
    List<Class<?>> providers = ServiceLoader.load(CachingProvider.class).stream()
        .map(ServiceLoader.Provider::type).collect(Collectors.toList());
    assertThat(providers).containsExactly(LarderCachingProvider.class);
    assertThatThrownBy(() -> Class.forName("org.jsr107.ri.spi.RICachingProvider"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void excludeListHoldsOnlyTheTckPlaceholder() throws IOException {
    String resource = System.getProperty("ExcludeList");
    assertThat(resource).isNotBlank();
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("classpath resource %s", resource).isNotNull();
      List<String> entries = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toList());
      assertThat(entries).containsExactly("org.jsr107.tck.CachingTest#dummyTest");
    }
  }

  @Test
  void managementTestsReadThePlatformMBeanServer() {
    assertThat(System.getProperty("javax.management.builder.initial")).isNull();
  }

  @Test
  void clientServerTestsStayOnLoopback() {
    assertThat(System.getProperty("org.jsr107.tck.support.server.address")).isEqualTo("127.0.0.1");
  }

  private static Class<?> unwrapClass(String property) throws ClassNotFoundException {
    String name = System.getProperty(property);
    assertThat(name).as("system property %s", property).isNotBlank();
    return Class.forName(name);
  }
}
