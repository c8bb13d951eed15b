package dev.larder.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.larder.engine.Weigher;
import dev.larder.expiry.Ticker;
import dev.larder.integration.JournalSerializer;
import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteBehindSettings.FsyncPolicy;
import dev.larder.integration.WriteMode;
import dev.larder.jcache.configuration.LarderConfiguration.WarmUpMode;
import dev.larder.policy.PolicyKind;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Reads a HOCON file into {@link CacheSettings} layers, checking every key and value and collecting
 * every problem with the file, line and key it concerns. The only class that touches
 * {@code com.typesafe.config}, so that the library stays optional: {@link ConfigFile} checks it is
 * present before this class is first used.
 *
 * <p>Thread-safety: confined to the thread that loads one file; a new instance per file.
 */
final class HoconReader {

  static final List<String> ROOT_KEYS = List.of("defaults", "caches", "templates");
  static final List<String> CACHE_KEYS = List.of("key-type", "value-type", "store-by-value", "statistics",
      "management", "policy", "maximum-size", "maximum-weight", "weigher", "expiry", "loader", "writer",
      "read-through", "write-through", "write-mode", "write-behind", "listeners", "warm-up", "ticker", "executor");
  static final List<String> EXPIRY_KEYS = List.of("creation", "access", "update", "eternal", "class");
  static final List<String> WRITE_BEHIND_KEYS = List.of("flush-delay", "batch-size", "max-backlog",
      "backlog-wait-timeout", "retry-initial-backoff", "retry-max-backoff", "journal-path", "fsync-policy",
      "fsync-interval", "serializer-class", "journal-segment-size", "close-timeout");
  static final List<String> LISTENER_KEYS = List.of("class", "filter", "old-value-required", "synchronous");
  static final List<String> WARM_UP_KEYS = List.of("keys", "keys-supplier", "mode");

  private static final List<String> OVERRIDE_PREFIXES = List.of("larder.defaults.", "larder.caches.", "larder.templates.");
  private static final String UNBOUNDED = "unbounded";
  private static final String ETERNAL = "eternal";
  private static final String DURATION = "a duration with a unit, such as 500ms, 30s, 10m, 2h or 1d (units: ns, us, ms, s, m, h, d)";

  private final URI uri;
  private final ClassLoader loader;
  private final List<Problem> problems = new ArrayList<>();

  private HoconReader(URI uri, ClassLoader loader) {
    this.uri = uri;
    this.loader = loader;
  }

  static ConfigFile read(URI uri, ClassLoader loader) {
    HoconReader reader = new HoconReader(uri, loader);
    return reader.interpret(reader.parse());
  }

  // ---------------------------------------------------------------- parsing and overrides

  private Config parse() {
    ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false).setClassLoader(loader);
    try {
      Config file = switch (String.valueOf(uri.getScheme())) {
        case "classpath" -> {
          String path = uri.getSchemeSpecificPart();
          while (path.startsWith("/")) {
            path = path.substring(1);
          }
          if (loader.getResource(path) == null) {
            throw new LarderConfigException(new Where(uri.toString(), -1, ""), "no such resource on the class path");
          }
          yield ConfigFactory.parseResources(loader, path, options);
        }
        case "file" -> {
          File local = uri.isOpaque() ? new File(uri.getSchemeSpecificPart()) : new File(uri);
          if (!local.isFile()) {
            throw new LarderConfigException(new Where(local.getPath(), -1, ""), "no such file");
          }
          yield ConfigFactory.parseFile(local, options);
        }
        default -> ConfigFactory.parseURL(toUrl(), options);
      };
      return overrides().withFallback(file).resolve();
    } catch (ConfigException e) {
      ConfigOrigin origin = e.origin();
      Where where = origin == null ? new Where(uri.toString(), -1, "") : new Where(fileOf(origin), origin.lineNumber(), "");
      String message = e.getMessage();
      if (origin != null && message.startsWith(origin.description() + ": ")) {
        message = message.substring(origin.description().length() + 2);
      }
      String kind = e instanceof ConfigException.Parse && !(e instanceof ConfigException.UnresolvedSubstitution)
          ? "syntax error: " : "";
      throw new LarderConfigException(where, kind + message, e);
    }
  }

  private URL toUrl() {
    try {
      return uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new LarderConfigException(new Where(uri.toString(), -1, ""),
          "cannot open this URI; use classpath:path/to/file.conf or file:/path/to/file.conf", e);
    }
  }

  /**
   * Environment overrides ({@code CONFIG_FORCE_larder_...}) over {@code -Dlarder.caches...} system
   * properties. A property name is a HOCON path, so a cache name with dots is quoted in it:
   * {@code -Dlarder.caches."com.example.User".maximum-size=500}.
   */
  private Config overrides() {
    Config fromProperties = ConfigFactory.empty();
    Properties system = System.getProperties();
    for (String name : new TreeSet<>(system.stringPropertyNames())) {
      if (OVERRIDE_PREFIXES.stream().noneMatch(name::startsWith)) {
        continue;
      }
      String path;
      try {
        path = ConfigUtil.joinPath(ConfigUtil.splitPath(name));
      } catch (ConfigException.BadPath e) {
        throw new LarderConfigException(new Where("system properties", -1, name.substring("larder.".length())),
            "not a valid key path (quote a cache name that holds dots: larder.caches.\"a.b\".maximum-size)", e);
      }
      ConfigValue value = ConfigValueFactory.fromAnyRef(system.getProperty(name), "system properties");
      fromProperties = value.atPath(path).withFallback(fromProperties);
    }
    Config fromEnvironment = ConfigFactory.systemEnvironmentOverrides();
    fromEnvironment = fromEnvironment.hasPath("larder") ? fromEnvironment.withOnlyPath("larder") : ConfigFactory.empty();
    return fromEnvironment.withFallback(fromProperties);
  }

  // ---------------------------------------------------------------- structure

  private ConfigFile interpret(Config config) {
    ConfigObject root = config.root();
    ConfigValue larder = root.get("larder");
    CacheSettings defaults = new CacheSettings();
    Map<String, CacheSettings> caches = new LinkedHashMap<>();
    Map<NamePattern, CacheSettings> templates = new LinkedHashMap<>();
    if (larder == null) {
      String found = root.keySet().isEmpty() ? "the file is empty"
          : "found only " + root.keySet().stream().sorted().collect(Collectors.joining(", "));
      problem(new Where(fileOf(root.origin()), root.origin().lineNumber(), "larder"),
          "missing the larder { ... } block (" + found + "); everything goes in it:"
              + " larder { defaults {...}, caches {...}, templates {...} }");
    } else if (object(larder, at("larder", larder)) != null) {
      for (Map.Entry<String, ConfigValue> entry : sorted((ConfigObject) larder)) {
        String key = entry.getKey();
        ConfigValue value = entry.getValue();
        Where where = at(ConfigUtil.joinPath(key), value);
        switch (key) {
          case "defaults" -> {
            ConfigObject block = object(value, where);
            if (block != null) {
              defaults = block(block, key);
            }
          }
          case "caches" -> readCaches(value, where, caches);
          case "templates" -> readTemplates(value, where, templates);
          default -> unknown(where, key, ROOT_KEYS, value);
        }
      }
    }
    return ConfigFile.assemble(uri, defaults, caches, templates, problems);
  }

  private void readCaches(ConfigValue value, Where where, Map<String, CacheSettings> caches) {
    ConfigObject all = object(value, where);
    if (all == null) {
      return;
    }
    for (Map.Entry<String, ConfigValue> entry : sorted(all)) {
      String path = "caches." + ConfigUtil.joinPath(entry.getKey());
      Where at = at(path, entry.getValue());
      if (entry.getKey().isBlank()) {
        problem(at, "a cache name must not be blank");
        continue;
      }
      ConfigObject block = object(entry.getValue(), at);
      if (block != null) {
        caches.put(entry.getKey(), block(block, path));
      }
    }
  }

  private void readTemplates(ConfigValue value, Where where, Map<NamePattern, CacheSettings> templates) {
    ConfigObject all = object(value, where);
    if (all == null) {
      return;
    }
    for (Map.Entry<String, ConfigValue> entry : sorted(all)) {
      String path = "templates." + ConfigUtil.joinPath(entry.getKey());
      Where at = at(path, entry.getValue());
      NamePattern pattern;
      try {
        pattern = NamePattern.parse(entry.getKey());
      } catch (IllegalArgumentException e) {
        problem(at, "bad pattern: " + e.getMessage());
        continue;
      }
      ConfigObject block = object(entry.getValue(), at);
      if (block != null) {
        templates.put(pattern, block(block, path));
      }
    }
  }

  // ---------------------------------------------------------------- one cache block

  private CacheSettings block(ConfigObject block, String path) {
    CacheSettings s = new CacheSettings();
    Where sizeAt = null;
    Where weightAt = null;
    for (Map.Entry<String, ConfigValue> entry : sorted(block)) {
      String key = entry.getKey();
      ConfigValue v = entry.getValue();
      Where w = at(path + "." + ConfigUtil.joinPath(key), v);
      switch (key) {
        case "key-type" -> s.keyType = setting(type(v, w), w);
        case "value-type" -> s.valueType = setting(type(v, w), w);
        case "store-by-value" -> s.storeByValue = setting(bool(v, w), w);
        case "statistics" -> s.statistics = setting(bool(v, w), w);
        case "management" -> s.management = setting(bool(v, w), w);
        case "read-through" -> s.readThrough = setting(bool(v, w), w);
        case "write-through" -> s.writeThrough = setting(bool(v, w), w);
        case "policy" -> s.policy = setting(choice(PolicyKind.class, v, w), w);
        case "write-mode" -> s.writeMode = setting(choice(WriteMode.class, v, w), w);
        case "maximum-size" -> {
          sizeAt = w;
          Long size = bound(v, w, "a whole number", Config::getLong);
          s.bound = size == null ? s.bound : new Setting<>(new CacheSettings.Bound(false, size), w);
        }
        case "maximum-weight" -> {
          weightAt = w;
          Long weight = bound(v, w, "a whole number (or a size such as 512MiB)", Config::getBytes);
          s.bound = weight == null ? s.bound : new Setting<>(new CacheSettings.Bound(true, weight), w);
        }
        case "weigher" -> s.weigher = setting(classFactory(v, w, weigherType()), w);
        case "ticker" -> s.ticker = setting(classFactory(v, w, Ticker.class), w);
        case "executor" -> s.executor = setting(classFactory(v, w, Executor.class), w);
        case "loader" -> s.loader = setting(classFactory(v, w, loaderType()), w);
        case "writer" -> s.writer = setting(classFactory(v, w, writerType()), w);
        case "expiry" -> s.expiry = setting(expiry(v, w), w);
        case "write-behind" -> writeBehind(v, w, s);
        case "listeners" -> s.listeners = setting(listeners(v, w), w);
        case "warm-up" -> warmUp(v, w, s);
        default -> unknown(w, key, CACHE_KEYS, v);
      }
    }
    if (sizeAt != null && weightAt != null) {
      Where later = sizeAt.line() > weightAt.line() ? sizeAt : weightAt;
      problem(later, "maximum-size and maximum-weight exclude each other; keep one"
          + " (maximum-size counts entries, maximum-weight sums a weigher's weights)");
    }
    return s;
  }

  private Factory<ExpiryPolicy> expiry(ConfigValue value, Where where) {
    if (value.valueType() == ConfigValueType.STRING && ETERNAL.equals(((String) value.unwrapped()).trim())) {
      return EternalExpiryPolicy.factoryOf();
    }
    if (value.valueType() != ConfigValueType.OBJECT) {
      problem(where, "expected " + ETERNAL + " or an object { ... } with any of " + String.join(", ", EXPIRY_KEYS)
          + ", got " + describe(value));
      return null;
    }
    ConfigObject block = (ConfigObject) value;
    Map<String, Duration> durations = new LinkedHashMap<>();
    Boolean eternal = null;
    NamedClassFactory<ExpiryPolicy> custom = null;
    boolean invalid = false;
    for (Map.Entry<String, ConfigValue> entry : sorted(block)) {
      String key = entry.getKey();
      ConfigValue v = entry.getValue();
      Where w = at(where.key() + "." + key, v);
      switch (key) {
        case "creation", "access", "update" -> {
          Duration d = jcacheDuration(duration(v, w));
          invalid |= d == null;
          durations.put(key, d);
        }
        case "eternal" -> {
          eternal = bool(v, w);
          if (Boolean.FALSE.equals(eternal)) {
            problem(w, "eternal = false says nothing; remove it and set creation, access or update");
          }
          invalid |= !Boolean.TRUE.equals(eternal);
        }
        case "class" -> {
          custom = classFactory(v, w, ExpiryPolicy.class);
          invalid |= custom == null;
        }
        default -> {
          unknown(w, key, EXPIRY_KEYS, v);
          invalid = true;
        }
      }
    }
    int kinds = (durations.isEmpty() ? 0 : 1) + (eternal == null ? 0 : 1) + (custom == null ? 0 : 1);
    if (kinds > 1) {
      problem(where, "set either eternal = true, or class = <an ExpiryPolicy>, or durations (creation, access, update), not several");
      return null;
    }
    if (invalid) {
      return null;
    }
    if (kinds == 0) {
      problem(where, "empty expiry block; allowed: " + String.join(", ", EXPIRY_KEYS));
      return null;
    }
    if (Boolean.TRUE.equals(eternal)) {
      return EternalExpiryPolicy.factoryOf();
    }
    if (custom != null) {
      return custom;
    }
    Duration creation = durations.getOrDefault("creation", Duration.ETERNAL);
    return new DurationExpiryPolicy(creation, durations.get("access"), durations.get("update")).factory();
  }

  private void writeBehind(ConfigValue value, Where where, CacheSettings s) {
    ConfigObject block = object(value, where);
    if (block == null) {
      return;
    }
    WriteBehindSettings scratch = new WriteBehindSettings();
    for (Map.Entry<String, ConfigValue> entry : sorted(block)) {
      String key = entry.getKey();
      ConfigValue v = entry.getValue();
      Where w = at(where.key() + "." + key, v);
      Consumer<WriteBehindSettings> field = switch (key) {
        case "flush-delay" -> durationField(v, w, WriteBehindSettings::setFlushDelay);
        case "backlog-wait-timeout" -> durationField(v, w, WriteBehindSettings::setBacklogWaitTimeout);
        case "retry-initial-backoff" -> durationField(v, w, WriteBehindSettings::setRetryInitialBackoff);
        case "retry-max-backoff" -> durationField(v, w, WriteBehindSettings::setRetryMaxBackoff);
        case "fsync-interval" -> durationField(v, w, WriteBehindSettings::setFsyncInterval);
        case "close-timeout" -> durationField(v, w, WriteBehindSettings::setCloseTimeout);
        case "journal-segment-size" -> {
          Long bytes = get(v, w, "a size in bytes, such as 16MiB", Config::getBytes);
          yield bytes == null ? null : settings -> settings.setJournalSegmentSize(bytes);
        }
        case "batch-size" -> intField(v, w, WriteBehindSettings::setBatchSize);
        case "max-backlog" -> intField(v, w, WriteBehindSettings::setMaxBacklog);
        case "fsync-policy" -> {
          FsyncPolicy policy = choice(FsyncPolicy.class, v, w);
          yield policy == null ? null : settings -> settings.setFsyncPolicy(policy);
        }
        case "journal-path" -> {
          String text = get(v, w, "a file path", Config::getString);
          Path path = null;
          try {
            path = text == null ? null : Path.of(text);
          } catch (InvalidPathException e) {
            problem(w, "not a valid path: " + e.getMessage());
          }
          Path journal = path;
          yield journal == null ? null : settings -> settings.setJournalPath(journal);
        }
        case "serializer-class" -> {
          String name = get(v, w, "a class name", Config::getString);
          String wrong = name == null ? null
              : new NamedClassFactory<>(name.trim(), JournalSerializer.class, loader).check(false);
          if (wrong != null) {
            problem(w, wrong);
          }
          yield name == null || wrong != null ? null : settings -> settings.setSerializerClass(name.trim());
        }
        default -> {
          unknown(w, key, WRITE_BEHIND_KEYS, v);
          yield null;
        }
      };
      if (field == null) {
        continue;
      }
      try {
        field.accept(scratch);
        s.writeBehind.put(key, new Setting<>(field, w));
      } catch (IllegalArgumentException e) {
        problem(w, e.getMessage().replaceFirst("^\\w+ must", "must"));
      }
    }
  }

  private Consumer<WriteBehindSettings> durationField(ConfigValue v, Where w,
      BiFunction<WriteBehindSettings, java.time.Duration, WriteBehindSettings> setter) {
    java.time.Duration d = duration(v, w);
    return d == null ? null : settings -> setter.apply(settings, d);
  }

  private Consumer<WriteBehindSettings> intField(ConfigValue v, Where w,
      BiFunction<WriteBehindSettings, Integer, WriteBehindSettings> setter) {
    Integer n = get(v, w, "a whole number", Config::getInt);
    return n == null ? null : settings -> setter.apply(settings, n);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<CacheEntryListenerConfiguration<Object, Object>> listeners(ConfigValue value, Where where) {
    if (value.valueType() != ConfigValueType.LIST) {
      problem(where, "expected a list [ { class = ... }, ... ], got " + describe(value));
      return null;
    }
    List<CacheEntryListenerConfiguration<Object, Object>> result = new ArrayList<>();
    boolean invalid = false;
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String path = where.key() + "[" + i + "]";
      ConfigObject block = object(element, at(path, element));
      if (block == null) {
        invalid = true;
        continue;
      }
      NamedClassFactory<CacheEntryListener> listener = null;
      NamedClassFactory<CacheEntryEventFilter> filter = null;
      boolean oldValueRequired = false;
      boolean synchronous = false;
      int before = problems.size();
      for (Map.Entry<String, ConfigValue> entry : sorted(block)) {
        ConfigValue v = entry.getValue();
        Where w = at(path + "." + entry.getKey(), v);
        switch (entry.getKey()) {
          case "class" -> listener = classFactory(v, w, CacheEntryListener.class);
          case "filter" -> filter = classFactory(v, w, CacheEntryEventFilter.class);
          case "old-value-required" -> oldValueRequired = Boolean.TRUE.equals(bool(v, w));
          case "synchronous" -> synchronous = Boolean.TRUE.equals(bool(v, w));
          default -> unknown(w, entry.getKey(), LISTENER_KEYS, v);
        }
      }
      if (!block.containsKey("class")) {
        problem(at(path, element), "a listener needs class = <class name of a CacheEntryListener>");
      }
      if (problems.size() > before) {
        invalid = true;
        continue;
      }
      result.add(new MutableCacheEntryListenerConfiguration<Object, Object>(
          (Factory) listener, (Factory) filter, oldValueRequired, synchronous));
    }
    return invalid ? null : result;
  }

  private void warmUp(ConfigValue value, Where where, CacheSettings s) {
    ConfigObject block = object(value, where);
    if (block == null) {
      return;
    }
    Where keysAt = null;
    Where supplierAt = null;
    for (Map.Entry<String, ConfigValue> entry : sorted(block)) {
      String key = entry.getKey();
      ConfigValue v = entry.getValue();
      Where w = at(where.key() + "." + key, v);
      switch (key) {
        case "mode" -> s.warmUpMode = setting(choice(WarmUpMode.class, v, w), w);
        case "keys" -> {
          keysAt = w;
          List<Setting<Object>> keys = warmUpKeys(v, w);
          if (keys != null) {
            s.warmUpKeys = new Setting<>(new CacheSettings.WarmUpKeys(keys, null), w);
          }
        }
        case "keys-supplier" -> {
          supplierAt = w;
          NamedClassFactory<Iterable<?>> supplier = classFactory(v, w, iterableType());
          if (supplier != null) {
            s.warmUpKeys = new Setting<>(new CacheSettings.WarmUpKeys(null, supplier), w);
          }
        }
        default -> unknown(w, key, WARM_UP_KEYS, v);
      }
    }
    if (keysAt != null && supplierAt != null) {
      problem(keysAt.line() > supplierAt.line() ? keysAt : supplierAt,
          "keys and keys-supplier exclude each other; keep one");
      s.warmUpKeys = null;
    }
  }

  private List<Setting<Object>> warmUpKeys(ConfigValue value, Where where) {
    if (value.valueType() != ConfigValueType.LIST) {
      problem(where, "expected a list of keys [ ... ], got " + describe(value));
      return null;
    }
    List<Setting<Object>> keys = new ArrayList<>();
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      Where w = at(where.key() + "[" + i + "]", element);
      switch (element.valueType()) {
        case STRING, NUMBER, BOOLEAN -> keys.add(new Setting<>(element.unwrapped(), w));
        default -> {
          problem(w, "a warm-up key must be a string, number or boolean, got " + describe(element));
          return null;
        }
      }
    }
    return keys;
  }

  // ---------------------------------------------------------------- values

  private <T> T get(ConfigValue v, Where w, String expected, BiFunction<Config, String, T> getter) {
    try {
      return getter.apply(v.atKey("v"), "v");
    } catch (ConfigException.WrongType | ConfigException.BadValue | ConfigException.Null e) {
      problem(w, "expected " + expected + ", got " + describe(v));
      return null;
    }
  }

  private Boolean bool(ConfigValue v, Where w) {
    return get(v, w, "true or false", Config::getBoolean);
  }

  /**
   * A bound: a number of zero or more, or {@value #UNBOUNDED} ({@link CacheSettings.Bound#NONE}), which
   * lets a template or a cache undo a bound it would inherit.
   */
  private Long bound(ConfigValue v, Where w, String number, BiFunction<Config, String, Long> getter) {
    if (v.valueType() == ConfigValueType.STRING && UNBOUNDED.equals(((String) v.unwrapped()).trim())) {
      return CacheSettings.Bound.NONE;
    }
    return nonNegative(get(v, w, number + ", or " + UNBOUNDED, getter), w);
  }

  private Long nonNegative(Long n, Where w) {
    if (n != null && n < 0) {
      problem(w, "must be zero or more, was " + n);
      return null;
    }
    return n;
  }

  private java.time.Duration duration(ConfigValue v, Where w) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      problem(w, "a bare number is ambiguous here; expected " + DURATION + ", got " + describe(v));
      return null;
    }
    java.time.Duration d = get(v, w, DURATION, Config::getDuration);
    if (d != null && d.isNegative()) {
      problem(w, "must not be negative, was " + describe(v));
      return null;
    }
    return d;
  }

  private static Duration jcacheDuration(java.time.Duration d) {
    if (d == null) {
      return null;
    }
    if (d.isZero()) {
      return Duration.ZERO;
    }
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException tooLong) {
      return new Duration(TimeUnit.SECONDS, d.getSeconds());
    }
    for (TimeUnit unit : new TimeUnit[] {TimeUnit.DAYS, TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS,
        TimeUnit.MILLISECONDS, TimeUnit.MICROSECONDS}) {
      long perUnit = unit.toNanos(1);
      if (nanos % perUnit == 0) {
        return new Duration(unit, nanos / perUnit);
      }
    }
    return new Duration(TimeUnit.NANOSECONDS, nanos);
  }

  private <E extends Enum<E>> E choice(Class<E> type, ConfigValue v, Where w) {
    String allowed = Arrays.stream(type.getEnumConstants()).map(HoconReader::spelling).collect(Collectors.joining(", "));
    String text = get(v, w, "one of " + allowed, Config::getString);
    if (text == null) {
      return null;
    }
    String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normal)) {
        return constant;
      }
    }
    problem(w, "unknown value '" + text + "'; allowed: " + allowed);
    return null;
  }

  private static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private Class<?> type(ConfigValue v, Where w) {
    String name = get(v, w, "a class name", Config::getString);
    if (name == null) {
      return null;
    }
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      if (name.indexOf('.') < 0) {
        try {
          return Class.forName("java.lang." + name, false, loader);
        } catch (ClassNotFoundException | LinkageError ignored) {
          // reported below with the name as written
        }
      }
      problem(w, "class " + name + " cannot be loaded");
      return null;
    }
  }

  private <T> NamedClassFactory<T> classFactory(ConfigValue v, Where w, Class<T> expected) {
    String name = get(v, w, "a class name", Config::getString);
    if (name == null) {
      return null;
    }
    NamedClassFactory<T> factory = new NamedClassFactory<>(name.trim(), expected, loader);
    String wrong = factory.check();
    if (wrong != null) {
      problem(w, wrong);
      return null;
    }
    return factory;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<Weigher<?, ?>> weigherType() {
    return (Class) Weigher.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<CacheLoader<?, ?>> loaderType() {
    return (Class) CacheLoader.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<CacheWriter<?, ?>> writerType() {
    return (Class) CacheWriter.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<Iterable<?>> iterableType() {
    return (Class) Iterable.class;
  }

  private ConfigObject object(ConfigValue v, Where w) {
    if (v.valueType() != ConfigValueType.OBJECT) {
      problem(w, "expected an object { ... }, got " + describe(v));
      return null;
    }
    return (ConfigObject) v;
  }

  private void unknown(Where where, String key, List<String> allowed, ConfigValue value) {
    StringBuilder message = new StringBuilder("unknown key; allowed: ").append(String.join(", ", allowed));
    allowed.stream()
        .filter(candidate -> distance(candidate, key) <= 2)
        .findFirst()
        .ifPresent(candidate -> message.append(" (did you mean ").append(candidate).append("?)"));
    if (value.valueType() == ConfigValueType.OBJECT && where.key().startsWith("caches.") && allowed == CACHE_KEYS) {
      message.append(" (a cache name containing dots must be quoted: caches { \"com.example.Name\" { ... } })");
    }
    problem(where, message.toString());
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static <T> Setting<T> setting(T value, Where where) {
    return value == null ? null : new Setting<>(value, where);
  }

  private void problem(Where where, String message) {
    problems.add(new Problem(where, message));
  }

  private Where at(String path, ConfigValue value) {
    ConfigOrigin origin = value.origin();
    return new Where(fileOf(origin), origin.lineNumber(), path);
  }

  private String fileOf(ConfigOrigin origin) {
    if (origin.resource() != null) {
      return origin.resource();
    }
    if (origin.filename() != null) {
      return origin.filename();
    }
    if (origin.url() != null) {
      return origin.url().toString();
    }
    String description = origin.description();
    return description == null || description.isEmpty() ? uri.toString() : description;
  }

  private static String describe(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NULL) {
      return "null";
    }
    return v.valueType().name().toLowerCase(Locale.ROOT) + " " + v.render(ConfigRenderOptions.concise());
  }

  private static List<Map.Entry<String, ConfigValue>> sorted(ConfigObject object) {
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(object.entrySet());
    entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
        .thenComparing(Map.Entry::getKey));
    return entries;
  }
}
