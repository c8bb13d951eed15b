package dev.larder.config;

import dev.larder.jcache.configuration.LarderConfiguration;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A loaded, validated Larder configuration file: defaults, named caches and templates matched by
 * cache-name pattern. The file is HOCON read with {@code com.typesafe:config} (an optional dependency;
 * without it only {@link #empty()} works). Its shape:
 *
 * <pre>
 * larder {
 *   defaults  { policy = w-tinylfu, maximum-size = 10000 }
 *   caches    { users { maximum-size = 500, expiry { access = 10m } } }
 *   templates { "com.example.*" { maximum-size = 2000 } }
 * }
 * </pre>
 *
 * <p>Keys outside {@code larder} are ignored, so they can hold values for substitutions.
 *
 * <p><b>Which settings a cache gets.</b> The settings for a cache name are stacked: {@code defaults},
 * then the most specific template whose pattern matches the name (see {@link NamePattern}), then the
 * cache's own block under {@code caches} if it has one. A higher layer replaces a lower one option by
 * option; {@code write-behind} is merged field by field, while {@code expiry}, {@code listeners}, the
 * bound ({@code maximum-size} or {@code maximum-weight}) and the warm-up key source are each replaced as
 * a whole. {@code maximum-size = unbounded} (or {@code maximum-weight = unbounded}) and
 * {@code expiry = eternal} (short for {@code expiry { eternal = true }}) undo a bound or an expiry of a
 * lower layer.
 *
 * <p><b>Merging with what the application asks for</b> ({@link #resolve}). The result starts as a copy of
 * the requested configuration. Larder's own options (policy, bound, weigher, ticker, executor, write
 * mode, write-behind, warm-up) are taken from the file wherever the file sets them. A JCache option is
 * taken from the file only where the request still holds the spec's default: key or value type
 * {@code Object}, store-by-value {@code true}, statistics/management/read-through/write-through
 * {@code false}, no loader, no writer, no listeners, and an eternal expiry policy. So a cache that
 * hibernate-jcache creates with a plain {@code new MutableConfiguration<>()} takes everything from the
 * file, while code that sets a loader keeps it.
 *
 * <p>Templates never create caches by themselves: {@code getCache} of a name the file does not list
 * returns {@code null}, as the spec requires; {@code createCache} of that name applies the template.
 *
 * <p>Thread-safety: immutable after loading; every method may be called from any thread.
 */
public final class ConfigFile {

  /** The classpath resource read when a manager is opened with the provider's default URI. */
  public static final String DEFAULT_RESOURCE = "larder.conf";

  private static final String HOCON_CLASS = "com.typesafe.config.ConfigFactory";

  private static final ConfigFile EMPTY = new ConfigFile(null, new CacheSettings(), Map.of(), List.of());

  /** A template: its pattern and its settings already stacked over the defaults. */
  record Template(NamePattern pattern, CacheSettings settings) {}

  private final URI source;
  private final CacheSettings defaults;
  private final Map<String, CacheSettings> caches;
  private final List<Template> templates;

  private ConfigFile(URI source, CacheSettings defaults, Map<String, CacheSettings> caches, List<Template> templates) {
    this.source = source;
    this.defaults = defaults;
    this.caches = caches;
    this.templates = templates;
  }

  /** A configuration with nothing in it: {@link #resolve} returns a copy of the request. */
  public static ConfigFile empty() {
    return EMPTY;
  }

  /**
   * Loads and validates the file at {@code uri}: {@code classpath:path/name.conf} (a resource of
   * {@code classLoader}), {@code file:/path/name.conf}, or any URL Java can open ({@code jar:}, ...).
   * System properties and environment overrides are applied (see the README).
   *
   * @throws LarderConfigException when the file is missing, cannot be parsed, or holds any invalid
   *     setting (all problems are listed), or when {@code com.typesafe:config} is not on the class path
   */
  public static ConfigFile load(URI uri, ClassLoader classLoader) {
    Objects.requireNonNull(uri, "uri");
    ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
    requireHocon(uri);
    return HoconReader.read(uri, loader);
  }

  /**
   * The configuration a {@code CacheManager} opened with {@code uri} uses: for the provider's
   * {@code defaultUri}, the {@value #DEFAULT_RESOURCE} resource when {@code classLoader} has one (else
   * {@link #empty()}); for a {@code classpath:}, {@code file:} or {@code jar:} URI, that file, which must
   * exist; for any other URI (a plain name), {@link #empty()}.
   *
   * @throws LarderConfigException as {@link #load}
   */
  public static ConfigFile forManager(URI uri, URI defaultUri, ClassLoader classLoader) {
    Objects.requireNonNull(uri, "uri");
    ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
    if (uri.equals(defaultUri)) {
      return loader.getResource(DEFAULT_RESOURCE) == null
          ? EMPTY
          : load(URI.create("classpath:" + DEFAULT_RESOURCE), loader);
    }
    String scheme = uri.getScheme();
    if ("classpath".equals(scheme) || "file".equals(scheme) || "jar".equals(scheme)) {
      return load(uri, loader);
    }
    return EMPTY;
  }

  private static ClassLoader defaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ConfigFile.class.getClassLoader();
  }

  private static void requireHocon(URI uri) {
    try {
      Class.forName(HOCON_CLASS, false, ConfigFile.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new LarderConfigException(new Where(uri.toString(), -1, ""),
          "reading a Larder configuration file needs com.typesafe:config (1.4.3 or later) on the class path,"
              + " next to larder-provider; add that dependency, or configure the caches in code", e);
    }
  }

  /**
   * Stacks the layers read from a file, checks them, and builds the file (or throws every problem
   * found). The checks across layers run only when every value on its own was valid: a weigher class
   * that failed to load would otherwise also be reported as a missing weigher.
   */
  static ConfigFile assemble(URI source, CacheSettings defaults, Map<String, CacheSettings> ownCaches,
      Map<NamePattern, CacheSettings> ownTemplates, Collection<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new LarderConfigException(new ArrayList<>(problems), null);
    }
    Set<Problem> all = new LinkedHashSet<>();
    defaults.checkStacked(false, all);
    List<Template> templates = new ArrayList<>();
    ownTemplates.forEach((pattern, own) -> {
      CacheSettings stacked = defaults.overlay(own);
      stacked.checkStacked(false, all);
      templates.add(new Template(pattern, stacked));
    });
    templates.sort((a, b) -> NamePattern.MOST_SPECIFIC_FIRST.compare(a.pattern(), b.pattern()));
    Map<String, CacheSettings> caches = new LinkedHashMap<>();
    ownCaches.forEach((name, own) -> {
      CacheSettings stacked = base(name, defaults, templates).overlay(own);
      stacked.checkStacked(true, all);
      caches.put(name, stacked);
    });
    if (!all.isEmpty()) {
      throw new LarderConfigException(new ArrayList<>(all), null);
    }
    return new ConfigFile(source, defaults, Collections.unmodifiableMap(caches), List.copyOf(templates));
  }

  private static CacheSettings base(String name, CacheSettings defaults, List<Template> templates) {
    for (Template template : templates) {
      if (template.pattern().matches(name)) {
        return template.settings();
      }
    }
    return defaults;
  }

  /** The file this configuration was read from, or {@code null} for {@link #empty()}. */
  public URI source() {
    return source;
  }

  /** The pattern of the template that applies to {@code cacheName}, or {@code null} when none matches. */
  public String templateFor(String cacheName) {
    for (Template template : templates) {
      if (template.pattern().matches(cacheName)) {
        return template.pattern().glob();
      }
    }
    return null;
  }

  /** Whether the file has an entry of its own for {@code cacheName} under {@code caches}. */
  public boolean hasEntry(String cacheName) {
    return caches.containsKey(cacheName);
  }

  /**
   * The bound ({@code maximum-size}, {@code maximum-weight}) and expiry that {@code cacheName} would take
   * from the file's {@code defaults} or a template rather than from an entry of its own, when they can
   * lose an entry; each described with where it was set, e.g.
   * {@code maximum-size = 10000 (the defaults, larder.conf:3)}. Empty when there is none.
   */
  public List<String> inheritedLimits(String cacheName) {
    Objects.requireNonNull(cacheName, "cacheName");
    List<String> described = new ArrayList<>();
    for (Setting<String> limit : settingsFor(cacheName).inheritedLimits()) {
      Where where = limit.where();
      String layer = where.key().startsWith("templates.")
          ? "the template \"" + templateFor(cacheName) + "\"" : "the defaults";
      described.add(limit.value() + " (" + layer + ", " + where.file() + (where.line() > 0 ? ":" + where.line() : "") + ")");
    }
    return described;
  }

  /**
   * Marks {@code requested} so that {@link #resolve} lays over it only the bound and expiry of the cache's
   * own entry in the file, not those of {@code defaults} or a template (everything else resolves as
   * usual). For a cache that must never lose an entry, such as Hibernate's update-timestamps region,
   * whatever the file bounds by default.
   */
  public static <K, V> Configuration<K, V> withoutInheritedLimits(Configuration<K, V> requested) {
    return new OwnLimitsOnly<>(requested);
  }

  /** A request marked by {@link #withoutInheritedLimits}; {@link #resolve} copies it like any other. */
  private static final class OwnLimitsOnly<K, V> extends LarderConfiguration<K, V> {
    private static final long serialVersionUID = 1L;

    OwnLimitsOnly(Configuration<K, V> requested) {
      super(requested);
    }
  }

  /**
   * The caches the file names, in file order, each with its complete configuration; a manager creates
   * them when it opens. Returns fresh, mutable configurations on every call.
   */
  public Map<String, LarderConfiguration<Object, Object>> namedCaches() {
    Map<String, LarderConfiguration<Object, Object>> result = new LinkedHashMap<>();
    for (String name : caches.keySet()) {
      result.put(name, resolve(name, new MutableConfiguration<>()));
    }
    return result;
  }

  /**
   * The configuration a cache named {@code cacheName} gets when the application asks for
   * {@code requested}: the file's settings for that name laid over a copy of the request, by the rule
   * in the class comment. {@code requested} is not changed.
   *
   * @throws LarderConfigException if a warm-up key in the file does not fit the requested key type
   */
  public <K, V> LarderConfiguration<K, V> resolve(String cacheName, Configuration<K, V> requested) {
    Objects.requireNonNull(cacheName, "cacheName");
    LarderConfiguration<K, V> result = new LarderConfiguration<>(requested);
    CacheSettings settings = settingsFor(cacheName);
    if (requested instanceof OwnLimitsOnly) {
      settings = settings.withoutInheritedLimits();
    }
    settings.applyTo(result);
    return result;
  }

  private CacheSettings settingsFor(String cacheName) {
    CacheSettings settings = caches.get(cacheName);
    return settings != null ? settings : base(cacheName, defaults, templates);
  }

  @Override
  public String toString() {
    return source == null ? "ConfigFile[empty]" : "ConfigFile[" + source + "]";
  }
}
