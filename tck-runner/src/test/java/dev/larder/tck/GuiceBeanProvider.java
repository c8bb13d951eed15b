package dev.larder.tck;

import com.google.inject.Guice;
import com.google.inject.Injector;
import javax.cache.annotation.BeanProvider;
import org.jsr107.ri.annotations.guice.module.CacheAnnotationsModule;

/**
 * The TCK's {@link BeanProvider} for the annotation tests: hands out beans from a Guice injector
 * with the JSR-107 RI's Guice interceptors ({@link CacheAnnotationsModule}), which resolve their
 * caches from the default {@code CacheManager} of the only provider on the classpath, Larder.
 * Registered in {@code META-INF/services/javax.cache.annotation.BeanProvider}.
 *
 * <p>The TCK swallows an exception thrown while loading this class and then skips its annotation
 * tests as passed, so a failure here is made loud (an {@link IllegalStateException} naming the
 * cause) and {@link AnnotationHarnessTest} fails the run if the TCK ended up without a provider.
 *
 * <p>Thread-safety: immutable after construction; a Guice injector is thread-safe.
 */
public final class GuiceBeanProvider implements BeanProvider {

  private final Injector injector;

  /** Builds the injector; throws if Guice cannot build it (e.g. missing {@code --add-opens}). */
  public GuiceBeanProvider() {
    try {
      this.injector = Guice.createInjector(new CacheAnnotationsModule());
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "Cannot build the Guice injector for the JSR-107 annotation tests"
              + " (on Java 17 the forked JVM needs --add-opens java.base/java.lang=ALL-UNNAMED)", e);
    }
  }

  @Override
  public <T> T getBeanByType(Class<T> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    return injector.getInstance(type);
  }
}
