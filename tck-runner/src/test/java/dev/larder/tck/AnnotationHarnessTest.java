package dev.larder.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.LarderCache;
import dev.larder.jcache.spi.LarderCachingProvider;
import domain.Blog;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;
import manager.BlogManager;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;
import org.jsr107.tck.annotation.AbstractInterceptionTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the TCK's annotation tests against passing vacuously. The TCK loads its
 * {@link BeanProvider} once, swallows any failure, and then reports its 12 annotation tests as
 * excluded-and-passed; these checks run in the same JVM and fail unless the TCK really holds our
 * Guice provider, the beans it hands out are intercepting proxies, and a {@code @CacheResult} call
 * really stores into a Larder cache. Never closes the default CacheManager: the RI's resolver
 * keeps it for the TCK tests that share this JVM.
 *
 * <p>Thread-safety: single-threaded JUnit test.
 */
class AnnotationHarnessTest {

  /** The cache {@link CacheNameOnEachMethodBlogManagerImpl} names on each annotated method. */
  private static final String BLOG_CACHE = "blogManager";

  /** The provider the TCK's annotation tests use; fails if the TCK holds none (tests skipped). */
  private static BeanProvider tckBeanProvider() throws ReflectiveOperationException {
    Field field = AbstractInterceptionTest.class.getDeclaredField("beanProvider");
    field.setAccessible(true);
    BeanProvider provider = (BeanProvider) field.get(null);
    assertThat(provider)
        .as("BeanProvider the TCK loaded (null: it swallowed a failure and skipped its annotation tests)")
        .isInstanceOf(GuiceBeanProvider.class);
    return provider;
  }

  @Test
  void tckHoldsTheGuiceBeanProvider() throws ReflectiveOperationException {
    assertThat(tckBeanProvider().getBeanByType(CacheNameOnEachMethodBlogManagerImpl.class)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(classes = {
      CacheNameOnEachMethodBlogManagerImpl.class,
      ClassLevelCacheConfigBlogManagerImpl.class,
      UsingDefaultCacheNameBlogManagerImpl.class})
  void tckBlogManagersAreInterceptingProxies(Class<? extends BlogManager> type)
      throws ReflectiveOperationException {
    BlogManager bean = tckBeanProvider().getBeanByType(type);

    assertThat(bean).isInstanceOf(type);
    assertThat(bean.getClass()).as("class of the bean handed out for %s", type.getName())
        .isNotEqualTo(type);
  }

  @Test
  void cacheResultServesTheResultFromALarderCache() throws ReflectiveOperationException {
    BlogManager bean = tckBeanProvider().getBeanByType(CacheNameOnEachMethodBlogManagerImpl.class);
    String title = "larder-tck-guard";
    bean.createEntry(new Blog(title, "cached through Larder"));
    bean.getEntryCached(title);
    bean.clearEntry(title);

    assertThat(bean.getEntryRaw(title)).as("entry in the bean's own store").isNull();
    assertThat(bean.getEntryCached(title)).as("@CacheResult call after the store forgot the entry")
        .extracting(Blog::getTitle, Blog::getBody)
        .containsExactly(title, "cached through Larder");

    Cache<Object, Object> cache = Caching.getCachingProvider().getCacheManager().getCache(BLOG_CACHE);
    assertThat(cache.getCacheManager().getCachingProvider()).isInstanceOf(LarderCachingProvider.class);
    Object unwrapped = cache.unwrap(LarderCache.class);
    assertThat(unwrapped).isInstanceOf(LarderCache.class);
    List<Object> values = new ArrayList<>();
    cache.forEach(entry -> values.add(entry.getValue()));
    assertThat(values).anySatisfy(value ->
        assertThat(value).isInstanceOf(Blog.class).extracting("title").isEqualTo(title));
  }
}
