/**
 * Optional Micrometer binding ({@link dev.larder.jcache.management.micrometer.LarderCacheMetrics}); usable
 * only when {@code io.micrometer:micrometer-core} is on the classpath, which Larder does not require.
 */
package dev.larder.jcache.management.micrometer;
