/**
 * Entry processors: the {@link javax.cache.processor.MutableEntry} a processor works on (it records
 * what the processor did, which the cache then applies atomically) and the per-key results of
 * {@code invokeAll}.
 */
package dev.larder.jcache.processor;
