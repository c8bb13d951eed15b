/**
 * Cache management: the spec's statistics ({@link dev.larder.jcache.management.CacheStatistics}) and
 * configuration ({@link dev.larder.jcache.management.CacheConfigurationMXBean}) MXBeans, Larder's own
 * {@link dev.larder.jcache.management.LarderCacheMXBean} (fed by the cache's
 * {@link dev.larder.jcache.management.CacheMetricsSource} and statistics), and their JMX registration
 * ({@link dev.larder.jcache.management.JmxRegistration}).
 */
package dev.larder.jcache.management;
