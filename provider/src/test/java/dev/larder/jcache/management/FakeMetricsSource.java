package dev.larder.jcache.management;

/** A metrics source whose values a test sets by hand. */
final class FakeMetricsSource implements CacheMetricsSource {
  volatile long size;
  volatile long weight;
  volatile long maximum = Long.MAX_VALUE;
  volatile String policy = "W_TINYLFU";
  volatile long backlog;
  volatile long flushes;
  volatile long retries;

  @Override
  public long estimatedSize() {
    return size;
  }

  @Override
  public long weightedSize() {
    return weight;
  }

  @Override
  public long maximum() {
    return maximum;
  }

  @Override
  public String policyName() {
    return policy;
  }

  @Override
  public long writeBehindBacklog() {
    return backlog;
  }

  @Override
  public long writeBehindFlushes() {
    return flushes;
  }

  @Override
  public long writeBehindRetries() {
    return retries;
  }
}
