package dev.larder.warmup;

import dev.larder.jcache.configuration.LarderConfiguration.WarmUpMode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.integration.CompletionListener;

/**
 * Warms a cache when it opens: reads the keys a {@code warmUpKeysFactory} supplies and loads them
 * through the cache's own {@link Cache#loadAll} (so the loader, statistics, events and copying all
 * apply) in batches, without replacing values already present. In {@link WarmUpMode#BEFORE_FIRST_USE}
 * the caller waits until every batch is done; in {@link WarmUpMode#BACKGROUND} the batches run on the
 * executor and the caller gets the {@link WarmUpProgress} at once. A failed batch stops warming (it is
 * logged and recorded in the progress); the cache itself stays usable and loads on miss as usual.
 *
 * <p>Thread-safety: each warm-up is confined to one chain of batches; {@link #warm} may be called from
 * any thread. Implementation notes: a batch's completion may arrive on the calling thread (before
 * {@code loadAll} returns) or on another thread later. Each batch has a hand-off flag: whichever of
 * "{@code loadAll} returned" and "completion arrived" comes second starts the next batch, so batches
 * run one at a time, in order, without recursion and without blocking an executor thread. The key
 * iterator is only touched by the thread that starts a batch, and batches are ordered by that flag.
 */
public final class CacheWarmer {

  /** Keys per {@code loadAll} unless told otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  private static final Logger LOG = System.getLogger(CacheWarmer.class.getName());

  private CacheWarmer() {}

  /** The progress of a cache that has nothing to warm: done, with no keys. */
  public static WarmUpProgress none(String cacheName) {
    WarmUpProgress progress = new WarmUpProgress(cacheName);
    progress.total(0);
    progress.finish();
    return progress;
  }

  /** As {@link #warm(Cache, Factory, WarmUpMode, Executor, int)} with batches of {@link #DEFAULT_BATCH_SIZE}. */
  public static <K, V> WarmUpProgress warm(Cache<K, V> cache, Factory<? extends Iterable<? extends K>> keys,
      WarmUpMode mode, Executor executor) {
    return warm(cache, keys, mode, executor, DEFAULT_BATCH_SIZE);
  }

  /**
   * Warms {@code cache} with the keys {@code keys} creates.
   *
   * @param cache an open cache with a loader (without one there is nothing to warm with; that is logged)
   * @param keys the key source, or {@code null} for none (the progress is then done at once)
   * @param mode when to load
   * @param executor where {@link WarmUpMode#BACKGROUND} starts (later batches continue wherever the
   *     cache completes {@code loadAll})
   * @param batchSize keys per {@code loadAll}
   * @return the progress; already done when {@code mode} is {@link WarmUpMode#BEFORE_FIRST_USE}
   */
  public static <K, V> WarmUpProgress warm(Cache<K, V> cache, Factory<? extends Iterable<? extends K>> keys,
      WarmUpMode mode, Executor executor, int batchSize) {
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(executor, "executor");
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
    }
    if (keys == null) {
      return none(cache.getName());
    }
    Run<K> warmer = new Run<>(cache, batchSize);
    if (mode == WarmUpMode.BEFORE_FIRST_USE) {
      warmer.start(keys);
      awaitUninterruptibly(warmer.progress);
    } else {
      try {
        executor.execute(() -> warmer.start(keys));
      } catch (RejectedExecutionException e) {
        warmer.stop("the executor refused the warm-up task: " + e);
      }
    }
    return warmer.progress;
  }

  /**
   * Waits for {@code progress} as a managed blocker, so that a caller on a {@link ForkJoinPool} worker
   * (whose pool may be the one running the batches) lets the pool add a worker instead of starving it.
   */
  private static void awaitUninterruptibly(WarmUpProgress progress) {
    boolean interrupted = false;
    ForkJoinPool.ManagedBlocker blocker = new ForkJoinPool.ManagedBlocker() {
      @Override
      public boolean block() throws InterruptedException {
        progress.awaitDone(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        return true;
      }

      @Override
      public boolean isReleasable() {
        return progress.isDone();
      }
    };
    while (!progress.isDone()) {
      try {
        ForkJoinPool.managedBlock(blocker);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One warm-up: the chain of batches of one cache. Fields are touched as the class comment says. */
  private static final class Run<K> {
    private final Cache<K, ?> cache;
    private final int batchSize;
    private final WarmUpProgress progress;
    private final long startNanos = System.nanoTime();
    private Iterator<? extends K> keys;
    private long total;

    Run(Cache<K, ?> cache, int batchSize) {
      this.cache = cache;
      this.batchSize = batchSize;
      this.progress = new WarmUpProgress(cache.getName());
    }

    private void start(Factory<? extends Iterable<? extends K>> source) {
      @SuppressWarnings("unchecked")
      CompleteConfiguration<K, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
      if (configuration.getCacheLoaderFactory() == null) {
        stop("the cache has no loader to warm it with");
        return;
      }
      List<K> all = new ArrayList<>();
      try {
        Iterable<? extends K> iterable = source.create();
        if (iterable instanceof Collection<? extends K> collection) {
          all.addAll(collection);
        } else {
          iterable.forEach(all::add);
        }
      } catch (RuntimeException e) {
        stop("the warm-up key source failed: " + e);
        return;
      }
      total = all.size();
      keys = all.iterator();
      progress.total(total);
      LOG.log(Level.INFO, "warming cache ''{0}'': {1} keys in batches of {2}", cache.getName(), total, batchSize);
      next();
    }

    /** Starts batches until one completes later on another thread (which then calls this again), or all are done. */
    private void next() {
      while (true) {
        if (!keys.hasNext()) {
          long millis = (System.nanoTime() - startNanos) / 1_000_000;
          LOG.log(Level.INFO, "warmed cache ''{0}'': {1} keys in {2} ms", cache.getName(), progress.getKeysLoaded(), millis);
          progress.finish();
          return;
        }
        if (cache.isClosed()) {
          stop("the cache was closed");
          return;
        }
        Set<K> batch = new LinkedHashSet<>();
        while (batch.size() < batchSize && keys.hasNext()) {
          batch.add(keys.next());
        }
        AtomicBoolean handOff = new AtomicBoolean();
        CompletionListener listener = new CompletionListener() {
          @Override
          public void onCompletion() {
            progress.loaded(batch.size());
            LOG.log(Level.DEBUG, "warming cache ''{0}'': {1}/{2} keys", cache.getName(), progress.getKeysLoaded(), total);
            if (!handOff.compareAndSet(false, true)) {
              next();
            }
          }

          @Override
          public void onException(Exception e) {
            stop("loading a batch failed: " + e);
          }
        };
        try {
          cache.loadAll(batch, false, listener);
        } catch (IllegalStateException e) {
          stop("the cache was closed");
          return;
        } catch (RuntimeException e) {
          stop("loading a batch failed: " + e);
          return;
        }
        if (handOff.compareAndSet(false, true)) {
          return;
        }
      }
    }

    private void stop(String why) {
      if (progress.isDone()) {
        return;
      }
      LOG.log(Level.WARNING, "warming cache ''{0}'' stopped after {1} of {2} keys: {3}",
          cache.getName(), progress.getKeysLoaded(), progress.getKeysTotal(), why);
      progress.fail(why);
    }
  }
}
