package dev.larder.policy;

/**
 * ARC, the Adaptive Replacement Cache (Megiddo and Modha, FAST 2003). T1 holds entries seen once
 * recently, T2 entries seen at least twice; the ghost lists B1 and B2 remember the hashes of entries
 * evicted from T1 and T2. A newcomer found in B1 grows the target size {@code p} of T1, one found in
 * B2 shrinks it, and either goes straight to T2. When room is needed, REPLACE takes T1's oldest entry
 * if T1 is above its target (or at it, for a B2 newcomer), else T2's oldest. The cases and the ghost
 * trimming follow the paper, with {@code c} the maximum and {@code p} real-valued as there (integer
 * division measurably changes the published hit ratios); REPLACE runs only while the store is full,
 * so that explicit removals (which leave no ghost) cannot force needless evictions.
 *
 * <p>ARC's lists and target count entries; with a weigher the bound is still the weight, and {@code c}
 * is the number of entries held at the time.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class ArcPolicy implements Policy {

  private static final int T1 = 1;
  private static final int T2 = 2;

  private final long maximum;
  private final boolean weighted;
  private final NodeDeque t1 = new NodeDeque();
  private final NodeDeque t2 = new NodeDeque();
  private final GhostList b1 = new GhostList();
  private final GhostList b2 = new GhostList();
  private double p;

  /** Set by {@link #beforeAdd}: the newcomer was a ghost in B2 (changes REPLACE's tie). */
  private boolean incomingFromB2;
  /** Set by {@link #beforeAdd}: the newcomer was a ghost of either list and joins T2. */
  private boolean incomingIsGhost;
  /** Set by {@link #beforeAdd} for the paper's case IV-A with a full T1: evict from T1 without a ghost. */
  private boolean dropFromT1;

  ArcPolicy(long maximum, boolean weighted) {
    this.maximum = maximum;
    this.weighted = weighted;
  }

  /** ARC's {@code c} in entries: the maximum, or by weight the number of entries held now. */
  private long capacity() {
    return weighted ? Math.max(1, t1.size + t2.size) : maximum;
  }

  @Override
  public String name() {
    return "ARC";
  }

  @Override
  public boolean makesRoomFirst() {
    return true;
  }

  @Override
  public void beforeAdd(PolicyNode node) {
    int hash = node.keyHash();
    long capacity = capacity();
    incomingFromB2 = false;
    incomingIsGhost = false;
    dropFromT1 = false;
    if (b1.contains(hash)) {
      double delta = (b1.size() >= b2.size()) ? 1 : (double) b2.size() / b1.size();
      p = Math.min(capacity, p + delta);
      b1.remove(hash);
      incomingIsGhost = true;
    } else if (b2.contains(hash)) {
      double delta = (b2.size() >= b1.size()) ? 1 : (double) b1.size() / b2.size();
      p = Math.max(0, p - delta);
      b2.remove(hash);
      incomingIsGhost = true;
      incomingFromB2 = true;
    } else {
      long l1 = (long) t1.size + b1.size();
      long total = l1 + t2.size + b2.size();
      if (l1 >= capacity) {
        if (t1.size < capacity) {
          b1.removeOldest();
        } else {
          dropFromT1 = true;
        }
      } else if (total >= capacity && total - capacity >= capacity) {
        b2.removeOldest();
      }
    }
  }

  @Override
  public void onAdd(PolicyNode node) {
    if (incomingIsGhost) {
      node.state = T2;
      t2.addLast(node);
    } else {
      node.state = T1;
      t1.addLast(node);
    }
    incomingIsGhost = false;
    incomingFromB2 = false;
    dropFromT1 = false;
  }

  @Override
  public void onAccess(PolicyNode node) {
    if (node.state == T1) {
      t1.remove(node);
      node.state = T2;
      t2.addLast(node);
    } else if (node.state == T2) {
      t2.moveToLast(node);
    }
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    onAccess(node);
  }

  @Override
  public void onRemove(PolicyNode node) {
    if (node.state == T1) {
      t1.remove(node);
    } else if (node.state == T2) {
      t2.remove(node);
    } else {
      return;
    }
    node.state = 0;
  }

  @Override
  public void evict(Eviction eviction) {
    while (eviction.overBound() && !(t1.isEmpty() && t2.isEmpty())) {
      if (dropFromT1 && !t1.isEmpty()) {
        eviction.evict(t1.first);
      } else if (!t1.isEmpty() && (t1.size > p || (incomingFromB2 && t1.size == p) || t2.isEmpty())) {
        PolicyNode victim = t1.first;
        b1.addNewest(victim.keyHash());
        eviction.evict(victim);
      } else {
        PolicyNode victim = t2.first;
        b2.addNewest(victim.keyHash());
        eviction.evict(victim);
      }
    }
  }
}
