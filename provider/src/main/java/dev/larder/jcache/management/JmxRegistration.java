package dev.larder.jcache.management;

import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.management.CacheMXBean;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers and unregisters a cache's MXBeans on the platform MBeanServer: the spec's two under
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>} and Larder's
 * own under {@code dev.larder:type=Cache,CacheManager=<uri>,Cache=<name>}, with
 * {@code , : = \n} in the URI and name replaced by {@code .} (the form the TCK looks up), and likewise
 * {@code * ? "}, which would otherwise make the name a pattern or a quoted value.
 *
 * <p>Thread-safety: thread-safe; both operations are serialised on the class so that concurrent
 * register/unregister calls for one name cannot interleave.
 */
public final class JmxRegistration {

  /** Which MXBean. */
  public enum Kind {
    /** {@link CacheMXBean}, object name {@code javax.cache:type=CacheConfiguration,...}. */
    CONFIGURATION("javax.cache", "CacheConfiguration", CacheMXBean.class),
    /** {@link CacheStatisticsMXBean}, object name {@code javax.cache:type=CacheStatistics,...}. */
    STATISTICS("javax.cache", "CacheStatistics", CacheStatisticsMXBean.class),
    /** {@link LarderCacheMXBean}, object name {@code dev.larder:type=Cache,...}. */
    LARDER("dev.larder", "Cache", LarderCacheMXBean.class);

    private final String domain;
    private final String type;
    private final Class<?> mxbeanInterface;

    Kind(String domain, String type, Class<?> mxbeanInterface) {
      this.domain = domain;
      this.type = type;
      this.mxbeanInterface = mxbeanInterface;
    }
  }

  private JmxRegistration() {
  }

  /**
   * Registers {@code mxbean} for the cache; if a bean is already registered under that name it is
   * replaced, so calling this twice is harmless.
   *
   * @throws IllegalArgumentException if {@code mxbean} does not implement the kind's MXBean interface
   * @throws CacheException if the MBeanServer refuses the registration
   */
  public static void register(Cache<?, ?> cache, Object mxbean, Kind kind) {
    if (!kind.mxbeanInterface.isInstance(mxbean)) {
      throw new IllegalArgumentException("a " + kind + " MXBean must implement "
          + kind.mxbeanInterface.getName() + ", got " + (mxbean == null ? "null" : mxbean.getClass().getName()));
    }
    ObjectName name = objectName(cache, kind);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    synchronized (JmxRegistration.class) {
      try {
        if (server.isRegistered(name)) {
          server.unregisterMBean(name);
        }
        server.registerMBean(wrap(mxbean, kind), name);
      } catch (JMException e) {
        throw new CacheException("could not register the " + kind + " MXBean as " + name, e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> StandardMBean wrap(Object mxbean, Kind kind) {
    return new StandardMBean((T) mxbean, (Class<T>) kind.mxbeanInterface, true);
  }

  /**
   * Unregisters the cache's MXBean of this kind; does nothing if none is registered.
   *
   * @throws CacheException if the MBeanServer refuses
   */
  public static void unregister(Cache<?, ?> cache, Kind kind) {
    ObjectName name = objectName(cache, kind);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    synchronized (JmxRegistration.class) {
      try {
        if (server.isRegistered(name)) {
          server.unregisterMBean(name);
        }
      } catch (InstanceNotFoundException alreadyGone) {
        // someone outside this class unregistered it between the check and the call: the goal is met
      } catch (JMException e) {
        throw new CacheException("could not unregister the " + kind + " MXBean " + name, e);
      }
    }
  }

  /** The object name the cache's MXBean of this kind is registered under. */
  public static ObjectName objectName(Cache<?, ?> cache, Kind kind) {
    CacheManager manager = cache.getCacheManager();
    if (manager == null) {
      throw new IllegalStateException("cache " + cache.getName() + " has no cache manager");
    }
    return objectName(kind.domain, kind.type, manager.getURI(), cache.getName());
  }

  /** Builds {@code domain:type=<type>,CacheManager=<uri>,Cache=<name>} with both values made safe. */
  static ObjectName objectName(String domain, String type, URI managerUri, String cacheName) {
    String text = domain + ":type=" + type + ",CacheManager=" + safe(String.valueOf(managerUri))
        + ",Cache=" + safe(cacheName);
    try {
      return new ObjectName(text);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("not a valid MBean object name: " + text, e);
    }
  }

  /** Replaces the characters an unquoted object-name value may not hold with {@code .}. */
  static String safe(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean reserved = c == ',' || c == ':' || c == '=' || c == '\n' || c == '*' || c == '?' || c == '"';
      safe.append(reserved ? '.' : c);
    }
    return safe.toString();
  }
}
