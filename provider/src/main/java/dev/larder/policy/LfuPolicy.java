package dev.larder.policy;

/**
 * Least frequently used, with aging. Each entry's state is its use count (1..255, saturating); nodes
 * sit in one queue per count, oldest arrival first, so the victim is the oldest entry of the lowest
 * non-empty count (ties go to the one that reached its count first). Every
 * {@code max(16, 10 × maximum)} adds and reads all counts are halved (never below one), merging each pair of
 * queues in count order: formerly hot entries that are no longer read drift down and can leave.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class LfuPolicy implements Policy {

  static final int MAX_COUNT = 255;

  private final NodeDeque[] buckets = new NodeDeque[MAX_COUNT + 1];
  private final long maximum;
  private final boolean weighted;
  private long count;
  private long events;
  /** No non-empty bucket is below this count. */
  private int lowest = 1;

  LfuPolicy(long maximum, boolean weighted) {
    for (int i = 1; i <= MAX_COUNT; i++) {
      buckets[i] = new NodeDeque();
    }
    this.maximum = maximum;
    this.weighted = weighted;
  }

  @Override
  public String name() {
    return "LFU";
  }

  @Override
  public boolean makesRoomFirst() {
    return true;
  }

  @Override
  public void onAdd(PolicyNode node) {
    node.state = 1;
    buckets[1].addLast(node);
    lowest = 1;
    count++;
    countEvent();
  }

  @Override
  public void onAccess(PolicyNode node) {
    int count = node.state;
    if (count == 0) {
      return;
    }
    buckets[count].remove(node);
    int next = Math.min(MAX_COUNT, count + 1);
    node.state = next;
    buckets[next].addLast(node);
    countEvent();
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    onAccess(node);
  }

  @Override
  public void onRemove(PolicyNode node) {
    if (node.state != 0) {
      buckets[node.state].remove(node);
      node.state = 0;
      count--;
    }
  }

  @Override
  public void evict(Eviction eviction) {
    while (eviction.overBound()) {
      while (lowest <= MAX_COUNT && buckets[lowest].isEmpty()) {
        lowest++;
      }
      if (lowest > MAX_COUNT) {
        lowest = 1;
        return;
      }
      eviction.evict(buckets[lowest].first);
    }
  }

  private void countEvent() {
    // Ten reads per entry the store can hold (by weight: per entry it holds) between agings.
    long period = Math.max(16, 10 * Math.min(Long.MAX_VALUE / 10, weighted ? count : maximum));
    if (++events >= period) {
      events = 0;
      age();
    }
  }

  /** Halves every count, keeping lower old counts ahead of higher ones within each new count. */
  private void age() {
    NodeDeque[] halved = new NodeDeque[MAX_COUNT + 1];
    for (int i = 1; i <= MAX_COUNT; i++) {
      halved[i] = new NodeDeque();
    }
    for (int count = 1; count <= MAX_COUNT; count++) {
      NodeDeque bucket = buckets[count];
      int target = Math.max(1, count >>> 1);
      PolicyNode node;
      while ((node = bucket.pollFirst()) != null) {
        node.state = target;
        halved[target].addLast(node);
      }
    }
    for (int i = 1; i <= MAX_COUNT; i++) {
      buckets[i] = halved[i];
    }
    lowest = 1;
  }
}
