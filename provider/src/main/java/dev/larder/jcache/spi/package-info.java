/**
 * The JCache service-provider entry point: {@link dev.larder.jcache.spi.LarderCachingProvider}, found
 * by {@link javax.cache.Caching} through {@code META-INF/services/javax.cache.spi.CachingProvider}.
 */
package dev.larder.jcache.spi;
