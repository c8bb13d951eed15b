package dev.larder.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class CacheConfigurationMXBeanTest {

  @Test
  void reportsTheConfiguredTypesAndSwitches() {
    MutableConfiguration<Long, String> configuration = new MutableConfiguration<Long, String>()
        .setTypes(Long.class, String.class)
        .setReadThrough(true)
        .setWriteThrough(false)
        .setStoreByValue(false)
        .setStatisticsEnabled(true)
        .setManagementEnabled(false);
    CacheConfigurationMXBean bean =
        new CacheConfigurationMXBean(TestCaches.cache(URI.create("larder://test"), "typed", configuration));

    assertThat(bean.getKeyType()).isEqualTo("java.lang.Long");
    assertThat(bean.getValueType()).isEqualTo("java.lang.String");
    assertThat(bean.isReadThrough()).isTrue();
    assertThat(bean.isWriteThrough()).isFalse();
    assertThat(bean.isStoreByValue()).isFalse();
    assertThat(bean.isStatisticsEnabled()).isTrue();
    assertThat(bean.isManagementEnabled()).isFalse();
  }

  @Test
  void readsTheLiveConfigurationOnEveryCall() {
    MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>();
    CacheConfigurationMXBean bean =
        new CacheConfigurationMXBean(TestCaches.cache(URI.create("larder://test"), "live", configuration));
    assertThat(bean.isStatisticsEnabled()).isFalse();

    configuration.setStatisticsEnabled(true);

    assertThat(bean.isStatisticsEnabled()).isTrue();
    assertThat(bean.getKeyType()).isEqualTo("java.lang.Object");
  }
}
