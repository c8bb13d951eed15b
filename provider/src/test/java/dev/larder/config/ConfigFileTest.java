package dev.larder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteBehindSettings.FsyncPolicy;
import dev.larder.integration.WriteMode;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.configuration.LarderConfiguration.WarmUpMode;
import dev.larder.policy.PolicyKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, layering, template matching, merging with requests, overrides and URIs of {@link ConfigFile}. */
class ConfigFileTest {

  private static final URI FULL = URI.create("classpath:config/full.conf");
  private static final URI NO_LIMITS = URI.create("classpath:config/no-limits.conf");
  private static final URI DEFAULT_URI = URI.create("urn:larder:default");

  private static ConfigFile load(URI uri) {
    return ConfigFile.load(uri, ConfigFileTest.class.getClassLoader());
  }

  @Test
  void everyOptionOfANamedCacheTakesEffect() {
    LarderConfiguration<Object, Object> orders = load(FULL).namedCaches().get("orders");

    assertThat(orders.getKeyType()).isEqualTo(Long.class);
    assertThat(orders.getValueType()).isEqualTo(String.class);
    assertThat(orders.isStoreByValue()).isFalse();
    assertThat(orders.isStatisticsEnabled()).isTrue();
    assertThat(orders.isManagementEnabled()).isTrue();
    assertThat(orders.getPolicy()).isEqualTo(PolicyKind.SIEVE);
    assertThat(orders.getMaximumWeight()).isEqualTo(64 * 1024);
    assertThat(orders.getMaximumSize()).isEqualTo(-1);
    assertThat(orders.getWeigherFactory().create()).isInstanceOf(Samples.LengthWeigher.class);
    assertThat(orders.getTickerFactory().create()).isInstanceOf(Samples.ZeroTicker.class);
    assertThat(orders.getExecutorFactory().create()).isInstanceOf(Samples.CallerRunsExecutor.class);
    ExpiryPolicy expiry = orders.getExpiryPolicyFactory().create();
    assertThat(expiry.getExpiryForCreation()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.HOURS, 1));
    assertThat(expiry.getExpiryForAccess()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MINUTES, 10));
    assertThat(expiry.getExpiryForUpdate()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 30));
    assertThat(orders.getCacheLoaderFactory().create()).isInstanceOf(Samples.EchoLoader.class);
    assertThat(orders.getCacheWriterFactory().create()).isInstanceOf(Samples.NullWriter.class);
    assertThat(orders.isReadThrough()).isTrue();
    assertThat(orders.isWriteThrough()).isTrue();
    assertThat(orders.getWriteMode()).isEqualTo(WriteMode.BEHIND);
    WriteBehindSettings behind = orders.getWriteBehind();
    assertThat(behind.getFlushDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(behind.getBatchSize()).isEqualTo(25);
    assertThat(behind.getMaxBacklog()).isEqualTo(500);
    assertThat(behind.getBacklogWaitTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(behind.getRetryInitialBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(behind.getRetryMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(behind.getJournalPath()).isEqualTo(Path.of("target/orders.journal"));
    assertThat(behind.getFsyncPolicy()).isEqualTo(FsyncPolicy.EVERY_WRITE);
    assertThat(behind.getFsyncInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(behind.getSerializerClass()).isEqualTo("dev.larder.integration.JavaJournalSerializer");
    assertThat(behind.getJournalSegmentSize()).isEqualTo(1024 * 1024);
    assertThat(behind.getCloseTimeout()).isEqualTo(Duration.ofSeconds(45));
    List<CacheEntryListenerConfiguration<Object, Object>> listeners = listeners(orders);
    assertThat(listeners).hasSize(1);
    CacheEntryListenerConfiguration<Object, Object> listener = listeners.get(0);
    assertThat(listener.getCacheEntryListenerFactory().create()).isInstanceOf(Samples.QuietListener.class);
    assertThat(listener.getCacheEntryEventFilterFactory().create()).isInstanceOf(Samples.PassFilter.class);
    assertThat(listener.isOldValueRequired()).isTrue();
    assertThat(listener.isSynchronous()).isTrue();
    assertThat(warmUpKeys(orders)).containsExactly(1L, 2L, 3L).allMatch(Long.class::isInstance);
    assertThat(orders.getWarmUpMode()).isEqualTo(WarmUpMode.BACKGROUND);
  }

  @Test
  void namedCachesComeInFileOrder() {
    assertThat(load(FULL).namedCaches()).containsOnlyKeys("orders", "com.example.Customer", "plain");
    assertThat(load(FULL).namedCaches().keySet()).containsExactly("orders", "com.example.Customer", "plain");
  }

  @Test
  void namedCacheWithAnEmptyBlockTakesTheDefaults() {
    LarderConfiguration<Object, Object> plain = load(FULL).namedCaches().get("plain");

    assertThat(plain.getPolicy()).isEqualTo(PolicyKind.LRU);
    assertThat(plain.getMaximumSize()).isEqualTo(1000);
    assertThat(plain.isStatisticsEnabled()).isTrue();
    assertThat(plain.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
  }

  @Test
  void namedCacheStacksItsOwnBlockOverItsTemplateAndTheDefaults() {
    LarderConfiguration<Object, Object> customer = load(FULL).namedCaches().get("com.example.Customer");

    assertThat(customer.getPolicy()).as("from template com.example.*").isEqualTo(PolicyKind.S3_FIFO);
    assertThat(customer.getMaximumSize()).as("its own").isEqualTo(300);
    assertThat(customer.isStatisticsEnabled()).as("from defaults").isTrue();
    assertThat(customer.getExpiryPolicyFactory().create()).isInstanceOf(Samples.MinuteExpiry.class);
    assertThat(customer.getCacheLoaderFactory().create()).as("a Factory class").isInstanceOf(Samples.EchoLoader.class);
    assertThat(warmUpKeys(customer)).containsExactly(1L, 2L, 3L);
    assertThat(customer.getWarmUpMode()).isEqualTo(WarmUpMode.BEFORE_FIRST_USE);
  }

  @Test
  void plainMutableConfigurationTakesTheTemplateMatchingItsName() {
    LarderConfiguration<Object, Object> region =
        load(FULL).resolve("com.example.Order", new MutableConfiguration<>());

    assertThat(region.getPolicy()).isEqualTo(PolicyKind.S3_FIFO);
    assertThat(region.getMaximumSize()).isEqualTo(2000);
    assertThat(region.isStatisticsEnabled()).isTrue();
    ExpiryPolicy expiry = region.getExpiryPolicyFactory().create();
    assertThat(expiry.getExpiryForAccess()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MINUTES, 10));
    assertThat(expiry.getExpiryForCreation()).isEqualTo(javax.cache.expiry.Duration.ETERNAL);
  }

  @Test
  void mostSpecificTemplateWinsAndDoesNotInheritFromLessSpecificOnes() {
    ConfigFile file = load(FULL);
    LarderConfiguration<Object, Object> audit = file.resolve("com.example.audit.Login", new MutableConfiguration<>());

    assertThat(file.templateFor("com.example.audit.Login")).isEqualTo("com.example.audit.*");
    assertThat(audit.getMaximumSize()).isEqualTo(50);
    assertThat(audit.getPolicy()).as("from defaults, not from com.example.*").isEqualTo(PolicyKind.LRU);
  }

  @Test
  void timestampsRegionGetsItsOwnTemplate() {
    ConfigFile file = load(FULL);
    LarderConfiguration<Object, Object> timestamps =
        file.resolve("default-update-timestamps-region", new MutableConfiguration<>());

    assertThat(file.templateFor("default-update-timestamps-region")).isEqualTo("*-timestamps-region");
    assertThat(timestamps.getMaximumSize()).isEqualTo(10000);
    assertThat(timestamps.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
  }

  @Test
  void unboundedAndEternalInATemplateUndoTheDefaults() {
    LarderConfiguration<Object, Object> timestamps =
        load(NO_LIMITS).resolve("default-update-timestamps-region", new MutableConfiguration<>());

    assertThat(timestamps.getMaximumSize()).isEqualTo(-1);
    assertThat(timestamps.getMaximumWeight()).isEqualTo(-1);
    assertThat(timestamps.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
  }

  @Test
  void unboundedInACacheEntryUndoesTheBoundOfItsTemplate() {
    LarderConfiguration<Object, Object> freed = load(NO_LIMITS).resolve("limited.freed", new MutableConfiguration<>());

    assertThat(freed.getMaximumSize()).isEqualTo(-1);
    assertThat(freed.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
  }

  @Test
  void unboundedRemovesABoundTheRequestSet() {
    LarderConfiguration<Object, Object> weighed = load(NO_LIMITS)
        .resolve("weighed.images", new LarderConfiguration<Object, Object>().setMaximumWeight(4096));

    assertThat(weighed.getMaximumWeight()).isEqualTo(-1);
    assertThat(weighed.getMaximumSize()).isEqualTo(-1);
  }

  @Test
  void inheritedLimitsNameTheLayerAndLineTheyComeFrom() {
    ConfigFile file = load(NO_LIMITS);

    assertThat(file.inheritedLimits("other"))
        .containsExactly("maximum-size = 1000 (the defaults, config/no-limits.conf:4)",
            "expiry (the defaults, config/no-limits.conf:5)");
    assertThat(file.inheritedLimits("limited.own"))
        .containsExactly("maximum-size = 50 (the template \"limited.*\", config/no-limits.conf:10)");
    assertThat(file.inheritedLimits("default-update-timestamps-region")).isEmpty();
    assertThat(file.inheritedLimits("limited.freed")).isEmpty();
  }

  @Test
  void requestWithoutInheritedLimitsKeepsOnlyTheLimitsOfItsOwnEntry() {
    ConfigFile file = load(NO_LIMITS);

    LarderConfiguration<Object, Object> other =
        file.resolve("other", ConfigFile.withoutInheritedLimits(new MutableConfiguration<>()));
    LarderConfiguration<Object, Object> own =
        file.resolve("limited.own", ConfigFile.withoutInheritedLimits(new MutableConfiguration<>()));

    assertThat(other.getMaximumSize()).isEqualTo(-1);
    assertThat(other.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
    assertThat(own.getMaximumSize()).as("the template's bound is inherited").isEqualTo(-1);
    assertThat(own.getExpiryPolicyFactory().create().getExpiryForCreation())
        .as("the entry's own expiry stays").isEqualTo(javax.cache.expiry.Duration.ONE_MINUTE);
    assertThat(own.getClass()).isEqualTo(LarderConfiguration.class);
  }

  @Test
  void nameMatchingNoTemplateTakesTheDefaults() {
    ConfigFile file = load(FULL);
    LarderConfiguration<Object, Object> other = file.resolve("org.other.Thing", new MutableConfiguration<>());

    assertThat(file.templateFor("org.other.Thing")).isNull();
    assertThat(other.getPolicy()).isEqualTo(PolicyKind.LRU);
    assertThat(other.getMaximumSize()).isEqualTo(1000);
  }

  @Test
  void requestedJCacheSettingsThatDifferFromTheSpecDefaultsAreKept() {
    MutableConfiguration<Object, Object> requested = new MutableConfiguration<>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.FIVE_MINUTES))
        .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<CacheLoader<Object, Object>>(new Samples.EchoLoader()))
        .setStoreByValue(false);

    LarderConfiguration<Object, Object> resolved = load(FULL).resolve("com.example.Order", requested);

    assertThat(resolved.getExpiryPolicyFactory()).isSameAs(requested.getExpiryPolicyFactory());
    assertThat(resolved.getCacheLoaderFactory()).isSameAs(requested.getCacheLoaderFactory());
    assertThat(resolved.isStoreByValue()).isFalse();
    assertThat(resolved.isStatisticsEnabled()).as("still the spec default, so from the file").isTrue();
  }

  @Test
  void larderOptionsSetInTheFileWinOverTheRequest() {
    LarderConfiguration<Object, Object> requested = new LarderConfiguration<>()
        .setPolicy(PolicyKind.FIFO)
        .setMaximumSize(5);

    LarderConfiguration<Object, Object> resolved = load(FULL).resolve("com.example.Order", requested);

    assertThat(resolved.getPolicy()).isEqualTo(PolicyKind.S3_FIFO);
    assertThat(resolved.getMaximumSize()).isEqualTo(2000);
    assertThat(requested.getMaximumSize()).as("the request is not changed").isEqualTo(5);
  }

  @Test
  void larderOptionsTheFileLeavesUnsetKeepTheRequestedValue() {
    LarderConfiguration<Object, Object> requested = new LarderConfiguration<>().setWriteMode(WriteMode.AROUND);

    LarderConfiguration<Object, Object> resolved = load(FULL).resolve("com.example.Order", requested);

    assertThat(resolved.getWriteMode()).isEqualTo(WriteMode.AROUND);
  }

  @Test
  void warmUpKeysFollowTheRequestedKeyType() {
    LarderConfiguration<Integer, Object> resolved = load(FULL).resolve("orders",
        new MutableConfiguration<Integer, Object>().setTypes(Integer.class, Object.class));

    assertThat(resolved.getKeyType()).isEqualTo(Integer.class);
    assertThat(warmUpKeys(resolved)).containsExactly(1, 2, 3).allMatch(Integer.class::isInstance);
  }

  @Test
  void systemPropertyOverridesAKeyOfTheFile() {
    System.setProperty("larder.caches.plain.maximum-size", "77");
    System.setProperty("larder.templates.\"com.example.*\".policy", "arc");
    try {
      ConfigFile file = load(FULL);

      assertThat(file.namedCaches().get("plain").getMaximumSize()).isEqualTo(77);
      assertThat(file.resolve("com.example.Order", new MutableConfiguration<>()).getPolicy()).isEqualTo(PolicyKind.ARC);
      assertThat(file.namedCaches().get("orders").getMaximumWeight()).as("untouched").isEqualTo(64 * 1024);
    } finally {
      System.clearProperty("larder.caches.plain.maximum-size");
      System.clearProperty("larder.templates.\"com.example.*\".policy");
    }
  }

  @Test
  void badSystemPropertyIsReportedAsSuch() {
    System.setProperty("larder.caches.plain.maximum-size", "lots");
    try {
      assertThatThrownBy(() -> load(FULL))
          .isInstanceOfSatisfying(LarderConfigException.class, e -> {
            assertThat(e.getFile()).isEqualTo("system properties");
            assertThat(e.getKey()).isEqualTo("caches.plain.maximum-size");
          })
          .hasMessageContaining("expected a whole number");
    } finally {
      System.clearProperty("larder.caches.plain.maximum-size");
    }
  }

  @Test
  void includesAndSubstitutionsWork() {
    ConfigFile file = load(URI.create("classpath:config/with-include.conf"));

    LarderConfiguration<Object, Object> sessions = file.namedCaches().get("sessions");
    assertThat(sessions.getPolicy()).isEqualTo(PolicyKind.ARC);
    assertThat(sessions.getMaximumSize()).isEqualTo(4321);
  }

  @Test
  void problemInAnIncludedFileNamesThatFile() {
    assertThatThrownBy(() -> load(URI.create("classpath:config/bad/with-bad-include.conf")))
        .isInstanceOfSatisfying(LarderConfigException.class, e -> {
          assertThat(e.getFile()).isEqualTo("config/bad/included-part.conf");
          assertThat(e.getLine()).isEqualTo(4);
          assertThat(e.getKey()).isEqualTo("defaults.polcy");
        });
  }

  @Test
  void fileUriIsRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my-larder.conf");
    try (InputStream in = getClass().getResourceAsStream("/config/template-only.conf")) {
      Files.copy(in, file);
    }

    ConfigFile config = ConfigFile.forManager(file.toUri(), DEFAULT_URI, getClass().getClassLoader());

    assertThat(config.source()).isEqualTo(file.toUri());
    assertThat(config.resolve("com.example.X", new MutableConfiguration<>()).getMaximumSize()).isEqualTo(123);
  }

  @Test
  void jarUriIsRead(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("app.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        InputStream in = getClass().getResourceAsStream("/config/template-only.conf")) {
      out.putNextEntry(new java.util.jar.JarEntry("larder.conf"));
      in.transferTo(out);
      out.closeEntry();
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/larder.conf");

    ConfigFile config = ConfigFile.forManager(uri, DEFAULT_URI, getClass().getClassLoader());

    assertThat(config.resolve("com.example.X", new MutableConfiguration<>()).getPolicy()).isEqualTo(PolicyKind.FIFO);
  }

  @Test
  void missingFileIsReported(@TempDir Path dir) {
    URI missing = dir.resolve("absent.conf").toUri();

    assertThatThrownBy(() -> ConfigFile.forManager(missing, DEFAULT_URI, getClass().getClassLoader()))
        .isInstanceOf(LarderConfigException.class)
        .hasMessageContaining("absent.conf")
        .hasMessageContaining("no such file");
  }

  @Test
  void missingClasspathResourceIsReported() {
    assertThatThrownBy(() -> load(URI.create("classpath:config/absent.conf")))
        .isInstanceOf(LarderConfigException.class)
        .hasMessage("classpath:config/absent.conf: no such resource on the class path");
  }

  @Test
  void defaultUriReadsLarderConfFromTheClassLoader() {
    ClassLoader loader = new RenamingClassLoader(getClass().getClassLoader(),
        ConfigFile.DEFAULT_RESOURCE, "config/default-larder.conf");

    ConfigFile config = ConfigFile.forManager(DEFAULT_URI, DEFAULT_URI, loader);

    assertThat(config.namedCaches()).containsOnlyKeys("greetings");
    assertThat(config.namedCaches().get("greetings").getMaximumSize()).isEqualTo(10);
  }

  @Test
  void defaultUriWithoutLarderConfIsEmpty() {
    ConfigFile config = ConfigFile.forManager(DEFAULT_URI, DEFAULT_URI, getClass().getClassLoader());

    assertThat(config).isSameAs(ConfigFile.empty());
    assertThat(config.namedCaches()).isEmpty();
  }

  @Test
  void uriThatNamesNoFileIsEmpty() {
    assertThat(ConfigFile.forManager(URI.create("my-manager"), DEFAULT_URI, getClass().getClassLoader()))
        .isSameAs(ConfigFile.empty());
  }

  @Test
  void emptyConfigurationResolvesToACopyOfTheRequest() {
    MutableConfiguration<String, Integer> requested = new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class)
        .setStatisticsEnabled(true);

    LarderConfiguration<String, Integer> resolved = ConfigFile.empty().resolve("any", requested);

    assertThat(resolved).isEqualTo(new LarderConfiguration<>(requested));
  }

  @Test
  void fileWithoutTheConfigLibraryFailsWithAClearMessage() throws Exception {
    URL classes = ConfigFile.class.getProtectionDomain().getCodeSource().getLocation();
    URL cacheApi = javax.cache.Cache.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes, cacheApi}, ClassLoader.getPlatformClassLoader())) {
      Class<?> configFile = isolated.loadClass(ConfigFile.class.getName());
      var load = configFile.getMethod("load", URI.class, ClassLoader.class);

      assertThatThrownBy(() -> load.invoke(null, FULL, isolated))
          .cause()
          .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(LarderConfigException.class.getName()))
          .hasMessageContaining("classpath:config/full.conf")
          .hasMessageContaining("needs com.typesafe:config");
    }
  }

  private static List<Object> warmUpKeys(LarderConfiguration<?, ?> c) {
    List<Object> keys = new java.util.ArrayList<>();
    c.getWarmUpKeysFactory().create().forEach(keys::add);
    return keys;
  }

  private static List<CacheEntryListenerConfiguration<Object, Object>> listeners(LarderConfiguration<Object, Object> c) {
    List<CacheEntryListenerConfiguration<Object, Object>> result = new java.util.ArrayList<>();
    c.getCacheEntryListenerConfigurations().forEach(result::add);
    return result;
  }

  /** Answers for one resource name with another resource of its parent. */
  private static final class RenamingClassLoader extends ClassLoader {
    private final String alias;
    private final String target;

    RenamingClassLoader(ClassLoader parent, String alias, String target) {
      super(parent);
      this.alias = alias;
      this.target = target;
    }

    @Override
    protected URL findResource(String name) {
      return alias.equals(name) ? getParent().getResource(target) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
      URL url = findResource(name);
      return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }
  }
}
