/**
 * Larder's JCache (JSR-107 1.1.1) facade over the {@link dev.larder.engine.Store} engine.
 *
 * <p>{@link dev.larder.jcache.LarderCacheManager} holds the named caches of one URI and class loader;
 * {@link dev.larder.jcache.LarderCache} is both the {@link javax.cache.Cache} and, through {@code
 * unwrap}, Larder's own cache type with the engine's figures. Inside, the cache is split by concern:
 * {@code AtomicSteps} runs each single-key change as one atomic engine step (writer, deadline, event),
 * {@code ReadThrough} handles misses and loading, and the sub-packages hold the rest after the spec's
 * chapters: {@code spi}, {@code configuration}, {@code copy}, {@code expiry}, {@code integration},
 * {@code processor}, {@code event}, {@code management}.
 */
package dev.larder.jcache;
