/**
 * A cache's link to its system of record: the loader and writer adapters (every failure becomes a
 * {@link javax.cache.integration.CacheLoaderException} or {@link javax.cache.integration.CacheWriterException}),
 * and {@link dev.larder.jcache.integration.CacheIntegration}, the one place that chooses the writer
 * (write-through, write-around, or a decorating write-behind writer) and the pending-writes hook.
 */
package dev.larder.jcache.integration;
