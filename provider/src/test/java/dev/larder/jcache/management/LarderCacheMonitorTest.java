package dev.larder.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class LarderCacheMonitorTest {

  private final FakeMetricsSource source = new FakeMetricsSource();
  private final CacheStatistics statistics = new CacheStatistics();
  private final LarderCacheMonitor monitor = new LarderCacheMonitor(source, statistics);

  LarderCacheMonitorTest() {
    statistics.setEnabled(true);
  }

  @Test
  void sizeWeightBoundAndPolicyComeFromTheLiveCache() {
    source.size = 10;
    source.weight = 40;
    source.maximum = 100;
    source.policy = "SIEVE";

    assertThat(monitor.getSize()).isEqualTo(10);
    assertThat(monitor.getWeight()).isEqualTo(40);
    assertThat(monitor.getMaximum()).isEqualTo(100);
    assertThat(monitor.getPolicy()).isEqualTo("SIEVE");

    source.size = 11;
    assertThat(monitor.getSize()).isEqualTo(11);
  }

  @Test
  void hitRatioIsHitsOverGets() {
    statistics.recordHits(3);
    statistics.recordMisses(1);

    assertThat(monitor.getHitRatio()).isEqualTo(0.75);
  }

  @Test
  void hitRatioIsZeroWithoutGets() {
    assertThat(monitor.getHitRatio()).isZero();
  }

  @Test
  void expirationsAreReportedByCause() {
    statistics.recordExpiredOnAccess(2);
    statistics.recordExpiredByMaintenance(5);
    statistics.recordEvictions(7);

    assertThat(monitor.getExpirationsOnAccess()).isEqualTo(2);
    assertThat(monitor.getExpirationsByMaintenance()).isEqualTo(5);
    assertThat(monitor.getEvictions()).isEqualTo(7);
  }

  @Test
  void loadsAreCountedBySuccessAndAveragedInMillis() {
    statistics.recordLoad(2_000_000, true);
    statistics.recordLoad(4_000_000, true);
    statistics.recordLoad(6_000_000, false);

    assertThat(monitor.getLoadSuccesses()).isEqualTo(2);
    assertThat(monitor.getLoadFailures()).isEqualTo(1);
    assertThat(monitor.getAverageLoadMillis()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void averageLoadTimeIsZeroWithoutLoads() {
    assertThat(monitor.getAverageLoadMillis()).isZero();
  }

  @Test
  void writeBehindFiguresComeFromTheLiveCache() {
    source.backlog = 12;
    source.flushes = 2;
    source.retries = 3;

    assertThat(monitor.getWriteBehindBacklog()).isEqualTo(12);
    assertThat(monitor.getWriteBehindFlushes()).isEqualTo(2);
    assertThat(monitor.getWriteBehindRetries()).isEqualTo(3);
  }

  @Test
  void sourceWithoutWriteBehindReportsZeroes() {
    CacheMetricsSource plain = new CacheMetricsSource() {
      @Override
      public long estimatedSize() {
        return 1;
      }

      @Override
      public long weightedSize() {
        return 1;
      }

      @Override
      public long maximum() {
        return 10;
      }

      @Override
      public String policyName() {
        return "LRU";
      }
    };

    LarderCacheMonitor plainMonitor = new LarderCacheMonitor(plain, statistics);
    assertThat(plainMonitor.getWriteBehindBacklog()).isZero();
    assertThat(plainMonitor.getWriteBehindFlushes()).isZero();
    assertThat(plainMonitor.getWriteBehindRetries()).isZero();
  }

  @Test
  void monitorIsReadableThroughThePlatformServerUnderTheLarderDomain() throws Exception {
    Cache<?, ?> cache = TestCaches.cache(URI.create("larder://monitor-test"), "orders", new MutableConfiguration<>());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    source.size = 3;
    source.policy = "S3_FIFO";
    statistics.recordHits(1);
    statistics.recordMisses(1);

    JmxRegistration.register(cache, monitor, JmxRegistration.Kind.LARDER);
    try {
      ObjectName name = new ObjectName("dev.larder:type=Cache,CacheManager=larder.//monitor-test,Cache=orders");
      assertThat(JmxRegistration.objectName(cache, JmxRegistration.Kind.LARDER)).isEqualTo(name);
      assertThat(server.getAttribute(name, "Size")).isEqualTo(3L);
      assertThat(server.getAttribute(name, "Policy")).isEqualTo("S3_FIFO");
      assertThat(server.getAttribute(name, "HitRatio")).isEqualTo(0.5);
    } finally {
      JmxRegistration.unregister(cache, JmxRegistration.Kind.LARDER);
    }
    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.LARDER))).isFalse();
  }
}
