package dev.larder.jcache.management;

/** Gauges whose values a test sets by hand. */
final class FakeGauges implements CacheGauges {
  volatile long size;
  volatile long weight;
  volatile long maximum = Long.MAX_VALUE;
  volatile String policy = "W_TINYLFU";
  volatile long backlog;

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
}
