package dev.larder.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JmxRegistrationTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final Cache<?, ?> cache = TestCaches.cache(URI.create("larder://jmx-test"), "orders",
      new MutableConfiguration<Long, String>().setTypes(Long.class, String.class).setStatisticsEnabled(true));

  @AfterEach
  void unregisterAll() {
    JmxRegistration.unregister(cache, JmxRegistration.Kind.CONFIGURATION);
    JmxRegistration.unregister(cache, JmxRegistration.Kind.STATISTICS);
  }

  @Test
  void objectNamesFollowTheSpecPattern() throws Exception {
    assertThat(JmxRegistration.objectName(cache, JmxRegistration.Kind.CONFIGURATION))
        .isEqualTo(new ObjectName("javax.cache:type=CacheConfiguration,CacheManager=larder.//jmx-test,Cache=orders"));
    assertThat(JmxRegistration.objectName(cache, JmxRegistration.Kind.STATISTICS))
        .isEqualTo(new ObjectName("javax.cache:type=CacheStatistics,CacheManager=larder.//jmx-test,Cache=orders"));
  }

  @Test
  void reservedCharactersInNamesBecomeDots() throws Exception {
    Cache<?, ?> odd = TestCaches.cache(URI.create("larder://host:1/a=b"), "x,y:z=w\nv*?\"",
        new MutableConfiguration<>());

    assertThat(JmxRegistration.objectName(odd, JmxRegistration.Kind.STATISTICS))
        .isEqualTo(new ObjectName("javax.cache:type=CacheStatistics,CacheManager=larder.//host.1/a.b,Cache=x.y.z.w.v..."));
  }

  @Test
  void registeredStatisticsAreReadableThroughThePlatformServer() throws Exception {
    CacheStatistics statistics = new CacheStatistics();
    statistics.setEnabled(true);
    statistics.recordHits(3);
    statistics.recordMisses(1);

    JmxRegistration.register(cache, statistics, JmxRegistration.Kind.STATISTICS);
    ObjectName name = JmxRegistration.objectName(cache, JmxRegistration.Kind.STATISTICS);

    assertThat(server.getAttribute(name, "CacheHits")).isEqualTo(3L);
    assertThat(server.getAttribute(name, "CacheGets")).isEqualTo(4L);
    assertThat(server.getAttribute(name, "CacheHitPercentage")).isEqualTo(75f);
    server.invoke(name, "clear", new Object[0], new String[0]);
    assertThat(statistics.getCacheHits()).isZero();
  }

  @Test
  void registeredConfigurationIsReadableThroughThePlatformServer() throws Exception {
    JmxRegistration.register(cache, new CacheConfigurationMXBean(cache), JmxRegistration.Kind.CONFIGURATION);
    ObjectName name = JmxRegistration.objectName(cache, JmxRegistration.Kind.CONFIGURATION);

    assertThat(server.getAttribute(name, "KeyType")).isEqualTo("java.lang.Long");
    assertThat(server.getAttribute(name, "StatisticsEnabled")).isEqualTo(true);
  }

  @Test
  void unregisteredBeanIsGone() {
    JmxRegistration.register(cache, new CacheStatistics(), JmxRegistration.Kind.STATISTICS);

    JmxRegistration.unregister(cache, JmxRegistration.Kind.STATISTICS);

    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.STATISTICS))).isFalse();
  }

  @Test
  void registeringTwiceKeepsTheLatestBean() throws Exception {
    CacheStatistics first = new CacheStatistics();
    CacheStatistics second = new CacheStatistics();
    second.setEnabled(true);
    second.recordPuts(7);

    JmxRegistration.register(cache, first, JmxRegistration.Kind.STATISTICS);
    JmxRegistration.register(cache, second, JmxRegistration.Kind.STATISTICS);

    ObjectName name = JmxRegistration.objectName(cache, JmxRegistration.Kind.STATISTICS);
    assertThat(server.getAttribute(name, "CachePuts")).isEqualTo(7L);
  }

  @Test
  void unregisteringWhatIsNotRegisteredDoesNothing() {
    JmxRegistration.unregister(cache, JmxRegistration.Kind.CONFIGURATION);

    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.CONFIGURATION))).isFalse();
  }

  @Test
  void beanOfTheWrongKindIsRejected() {
    assertThatThrownBy(() -> JmxRegistration.register(cache, new CacheStatistics(), JmxRegistration.Kind.CONFIGURATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("javax.cache.management.CacheMXBean");
  }
}
