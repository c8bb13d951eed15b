package dev.larder.policy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Window TinyLFU (Einziger, Friedman, Manes): a small LRU admission window in front of a segmented
 * LRU main space (probation and protected), guarded by a {@link FrequencySketch}.
 *
 * <p>New entries enter the window. Entries pushed out of the window become candidates at the young
 * end of probation; a candidate stays only if the sketch says it is more popular than the oldest
 * probation entry, which otherwise leaves. A probation hit promotes to protected; protected overflow
 * is demoted back to probation. Every sample of {@code sampleSize} requests a hill climber compares
 * the hit rate with the previous sample and moves capacity between window and protected space in the
 * direction that helped, with a step that decays unless the hit rate jumps.
 *
 * <p>Sizes are weights: with a weigher, a heavy entry takes more of a segment.
 *
 * <p>Saturated entries: once a protected entry's sketch count is at its maximum, another read would
 * not raise the count and would only move the entry to the young end of protected. Such an entry is
 * marked {@link PolicyNode#QUIET}, so the engine stops replaying its reads: it only counts them (for
 * the hill climber) and lets the first one mark the entry read. Under a skewed workload this spares
 * most of the read traffic between readers and maintenance. Protected then orders quiet entries as
 * CLOCK does: when the oldest entry is to be demoted and is marked read, it is unmarked and moved to
 * the young end instead; a quiet entry not read since its last pass is demoted to probation, where it
 * wants reads again and its next read promotes it back. Every halving of the sketch returns all
 * quiet entries to wanting their reads, so the sketch counts what it would count without the marks.
 *
 * <p>Tallied entries: in a store of {@value #TALLY_FROM} entries or more, every protected entry is
 * quiet, saturated or not. A read of an unsaturated one marks it read and adds one to a tally in its
 * state (up to 15), and the tally enters the sketch when the policy next looks at the entry: at its
 * demotion pass, when it is dueled as a victim, when it leaves protected or the store. Such reads age
 * the sketch as they are counted. Protected is then ordered as CLOCK throughout. Replays were most of
 * the cost of a hit in a large store (the maintenance thread rewrites the node and its neighbours,
 * and the reader misses on them next time); in a small one exact LRU order keeps more hits.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class WTinyLfuPolicy implements Policy {

  static final int WINDOW = 1;
  static final int PROBATION = 2;
  /** A protected node whose reads are replayed; other protected nodes have a negative (quiet) state. */
  static final int PROTECTED = 3;
  /**
   * From this many entries on, a protected entry tallies its reads instead of having them replayed.
   * A replay reorders the node and its neighbours on the maintenance thread, and in a store too large
   * for the core's caches the reader then misses on those lines; a small store's nodes stay cached,
   * and there exact LRU order in protected is worth more than the replays cost.
   */
  static final int TALLY_FROM = 8192;

  private static final double INITIAL_WINDOW = 0.01;
  private static final double PROTECTED_SHARE = 0.80;
  private static final double STEP_PERCENT = 0.0625;
  private static final double STEP_DECAY = 0.98;
  private static final double RESTART_THRESHOLD = 0.05;
  /** Popular candidates are admitted now and then at random, so that a forged hash flood cannot pin victims. */
  private static final int RANDOM_ADMIT_FREQUENCY = 6;
  /** The fewest keys the sketch's table is sized for once a count-bounded store holds an entry. */
  private static final int SKETCH_FLOOR = 256;
  /** Bounds the nodes moved by one adaptation step, to keep each maintenance cycle short. */
  private static final int TRANSFER_LIMIT = 1000;

  private final long maximum;
  private final boolean weighted;
  private long count;
  final NodeDeque window = new NodeDeque();
  final NodeDeque probation = new NodeDeque();
  final NodeDeque protectedQueue = new NodeDeque();
  final FrequencySketch sketch = new FrequencySketch();

  long windowMaximum;
  long protectedMaximum;
  long windowWeight;
  long protectedWeight;
  long totalWeight;

  private int hitsInSample;
  private int missesInSample;
  private double previousHitRate;
  private double stepSize;
  private long adjustment;
  private long halvingsSeen;

  WTinyLfuPolicy(long maximum, boolean weighted) {
    this.maximum = maximum;
    this.weighted = weighted;
    this.windowMaximum = maximum - (long) ((1.0 - INITIAL_WINDOW) * maximum);
    this.protectedMaximum = (long) (PROTECTED_SHARE * (maximum - windowMaximum));
    this.stepSize = -STEP_PERCENT * maximum;
  }

  @Override
  public String name() {
    return "W-TinyLFU";
  }

  @Override
  public boolean makesRoomFirst() {
    return false;
  }

  @Override
  public void onAdd(PolicyNode node) {
    int weight = node.policyWeight();
    totalWeight += weight;
    count++;
    if (!weighted) {
      // The sketch counts from the first entry, so warm-up reads already shape the queues and the
      // hill climber's first sample. Its table grows ahead of the entries held (eight times, which
      // keeps the collisions of a small early table from lingering) up to the bound, so a store that
      // never fills never pays for a full-sized sketch; its aging period follows the bound.
      sketch.ensureCapacity(Math.min(maximum, Math.max(SKETCH_FLOOR, 8 * count)), maximum);
    } else if (totalWeight >= maximum / 2) {
      // By weight the bound says nothing of the number of keys: once half full, the sketch is sized,
      // and ages, by the entries held.
      sketch.ensureCapacity(count, count);
    }
    sketch.increment(node.keyHash());
    missesInSample++;
    node.state = WINDOW;
    window.addLast(node);
    windowWeight += weight;
  }

  @Override
  public void onAccess(PolicyNode node) {
    if (node.state == 0) {
      return;
    }
    int frequency = sketch.increment(node.keyHash());
    hitsInSample++;
    reorder(node);
    if (node.state == PROTECTED && frequency == FrequencySketch.MAX_COUNT) {
      node.state = PolicyNode.QUIET;
    }
  }

  @Override
  public void onUnrecordedReads(long count) {
    hitsInSample = (int) Math.min(Integer.MAX_VALUE / 2, hitsInSample + count);
    if (talliesReads()) {
      // Tallied reads age the sketch when they happen, as replayed ones would; saturated reads are
      // among them, so the sketch ages somewhat sooner than one fed every read.
      sketch.advance(count);
    }
  }

  private void reorder(PolicyNode node) {
    switch (node.state) {
      case WINDOW:
        window.moveToLast(node);
        break;
      case PROBATION:
        int weight = node.policyWeight();
        if (weight > protectedMaximum) {
          probation.moveToLast(node);
        } else {
          probation.remove(node);
          node.state = talliesReads() ? quietState(node, 0, false) : PROTECTED;
          protectedQueue.addLast(node);
          protectedWeight += weight;
        }
        break;
      case PROTECTED:
        protectedQueue.moveToLast(node);
        break;
      default:
        node.state = PolicyNode.markedRead(node.state);
        break;
    }
  }

  private boolean talliesReads() {
    return count >= TALLY_FROM;
  }

  /** The state of a protected node: saturated, or tallying its reads with {@code pending} so far. */
  private int quietState(PolicyNode node, int pending, boolean read) {
    return sketch.frequency(node.keyHash()) == FrequencySketch.MAX_COUNT
        ? (read ? PolicyNode.QUIET_READ : PolicyNode.QUIET)
        : PolicyNode.tallying(pending, read);
  }

  /** Adds the reads a quiet protected node tallied to the sketch, keeping its read flag. */
  private void countPending(PolicyNode node) {
    int pending = node.state < 0 ? PolicyNode.pending(node.state) : 0;
    if (pending == 0) {
      return;
    }
    for (int i = 0; i < pending; i++) {
      sketch.increment(node.keyHash(), false);
    }
    node.state = quietState(node, 0, PolicyNode.wasRead(node.state));
  }

  private static boolean isProtected(PolicyNode node) {
    return node.state == PROTECTED || node.state < 0;
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    if (node.state == 0) {
      return;
    }
    int delta = node.policyWeight() - oldWeight;
    totalWeight += delta;
    if (node.state == WINDOW) {
      windowWeight += delta;
    } else if (isProtected(node)) {
      protectedWeight += delta;
    }
    sketch.increment(node.keyHash());
    reorder(node);
  }

  @Override
  public void onRemove(PolicyNode node) {
    int weight = node.policyWeight();
    switch (node.state) {
      case WINDOW:
        window.remove(node);
        windowWeight -= weight;
        break;
      case PROBATION:
        probation.remove(node);
        break;
      case 0:
        return;
      default:
        countPending(node);
        protectedQueue.remove(node);
        protectedWeight -= weight;
        break;
    }
    totalWeight -= weight;
    count--;
    node.state = 0;
  }

  @Override
  public void evict(Eviction eviction) {
    // The window keeps its size even while the store is not full, so that warm-up already fills
    // probation and protected as a full store would.
    PolicyNode candidate = moveWindowOverflowToProbation();
    if (eviction.overBound()) {
      evictFromMain(eviction, candidate);
    }
  }

  /** Moves the window's oldest entries to probation until the window fits; returns the first moved. */
  private PolicyNode moveWindowOverflowToProbation() {
    PolicyNode first = null;
    PolicyNode node = window.first;
    while (windowWeight > windowMaximum && node != null) {
      PolicyNode next = node.next;
      if (node.policyWeight() != 0) {
        window.remove(node);
        windowWeight -= node.policyWeight();
        node.state = PROBATION;
        probation.addLast(node);
        if (first == null) {
          first = node;
        }
      }
      node = next;
    }
    return first;
  }

  /**
   * Duels candidates (newest in probation, then the window's oldest) against victims (the oldest of
   * probation, then of protected, then of the window) until the store fits.
   */
  private void evictFromMain(Eviction eviction, PolicyNode candidate) {
    int victimQueue = PROBATION;
    boolean candidatesFromWindow = false;
    PolicyNode victim = probation.first;
    while (eviction.overBound()) {
      if (candidate == null && !candidatesFromWindow) {
        candidate = window.first;
        candidatesFromWindow = true;
      }
      if (candidate == null && victim == null) {
        if (victimQueue == PROBATION) {
          victim = protectedQueue.first;
          victimQueue = PROTECTED;
          continue;
        } else if (victimQueue == PROTECTED) {
          victim = window.first;
          victimQueue = WINDOW;
          continue;
        }
        return;
      }
      if (victim == null) {
        PolicyNode next = candidate.next;
        eviction.evict(candidate);
        candidate = next;
      } else if (candidate == null) {
        PolicyNode next = victim.next;
        eviction.evict(victim);
        victim = next;
      } else if (candidate == victim) {
        victim = victim.next;
        eviction.evict(candidate);
        candidate = null;
      } else if (candidate.policyWeight() > maximum) {
        PolicyNode next = candidate.next;
        eviction.evict(candidate);
        candidate = next;
      } else if (admit(candidate, victim)) {
        PolicyNode next = victim.next;
        eviction.evict(victim);
        victim = next;
        candidate = candidate.next;
      } else {
        PolicyNode next = candidate.next;
        eviction.evict(candidate);
        candidate = next;
      }
    }
  }

  private boolean admit(PolicyNode candidate, PolicyNode victim) {
    countPending(victim);
    int victimFrequency = sketch.frequency(victim.keyHash());
    int candidateFrequency = sketch.frequency(candidate.keyHash());
    if (candidateFrequency > victimFrequency) {
      return true;
    }
    if (candidateFrequency >= RANDOM_ADMIT_FREQUENCY) {
      return (ThreadLocalRandom.current().nextInt() & 127) == 0;
    }
    return false;
  }

  @Override
  public void afterMaintenance() {
    if (sketch.halvings() != halvingsSeen) {
      halvingsSeen = sketch.halvings();
      desaturate();
    }
    determineAdjustment();
    demoteProtectedOverflow();
    if (adjustment > 0) {
      growWindow();
    } else if (adjustment < 0) {
      shrinkWindow();
    }
  }

  /**
   * After a halving no count is saturated: every saturated entry wants its reads again, replayed or
   * tallied, and a tally not yet counted is halved as the counts were.
   */
  private void desaturate() {
    boolean tally = talliesReads();
    for (PolicyNode node = protectedQueue.first; node != null; node = node.next) {
      if (node.state >= 0) {
        continue;
      }
      int halved = PolicyNode.pending(node.state) / 2;
      if (tally) {
        node.state = PolicyNode.tallying(halved, PolicyNode.wasRead(node.state));
      } else {
        for (int i = 0; i < halved; i++) {
          sketch.increment(node.keyHash(), false);
        }
        node.state = PROTECTED;
      }
    }
  }

  private void determineAdjustment() {
    if (!sketch.isInitialized()) {
      previousHitRate = 0;
      hitsInSample = 0;
      missesInSample = 0;
      return;
    }
    int requests = hitsInSample + missesInSample;
    if (requests < sketch.sampleSize()) {
      return;
    }
    double hitRate = (double) hitsInSample / requests;
    double change = hitRate - previousHitRate;
    double amount = (change >= 0) ? stepSize : -stepSize;
    stepSize = (Math.abs(change) >= RESTART_THRESHOLD)
        ? STEP_PERCENT * maximum * (amount >= 0 ? 1 : -1)
        : STEP_DECAY * amount;
    previousHitRate = hitRate;
    adjustment = (long) amount;
    hitsInSample = 0;
    missesInSample = 0;
  }

  private void demoteProtectedOverflow() {
    for (int i = 0; i < TRANSFER_LIMIT && protectedWeight > protectedMaximum; i++) {
      PolicyNode demoted = protectedQueue.pollFirst();
      if (demoted == null) {
        break;
      }
      countPending(demoted);
      if (demoted.state < 0 && PolicyNode.wasRead(demoted.state)) {
        demoted.state = PolicyNode.unread(demoted.state);
        protectedQueue.addLast(demoted);
        continue;
      }
      protectedWeight -= demoted.policyWeight();
      demoted.state = PROBATION;
      probation.addLast(demoted);
    }
  }

  private void growWindow() {
    if (protectedMaximum == 0) {
      return;
    }
    long quota = Math.min(adjustment, protectedMaximum);
    protectedMaximum -= quota;
    windowMaximum += quota;
    demoteProtectedOverflow();
    for (int i = 0; i < TRANSFER_LIMIT; i++) {
      PolicyNode moved = probation.first;
      boolean fromProbation = true;
      if (moved == null || quota < moved.policyWeight()) {
        moved = protectedQueue.first;
        fromProbation = false;
      }
      if (moved == null || quota < moved.policyWeight()) {
        break;
      }
      int weight = moved.policyWeight();
      quota -= weight;
      if (fromProbation) {
        probation.remove(moved);
      } else {
        countPending(moved);
        protectedQueue.remove(moved);
        protectedWeight -= weight;
      }
      moved.state = WINDOW;
      window.addLast(moved);
      windowWeight += weight;
    }
    protectedMaximum += quota;
    windowMaximum -= quota;
    adjustment = quota;
  }

  private void shrinkWindow() {
    if (windowMaximum <= 1) {
      return;
    }
    long quota = Math.min(-adjustment, Math.max(0, windowMaximum - 1));
    protectedMaximum += quota;
    windowMaximum -= quota;
    for (int i = 0; i < TRANSFER_LIMIT; i++) {
      PolicyNode moved = window.first;
      if (moved == null || quota < moved.policyWeight()) {
        break;
      }
      int weight = moved.policyWeight();
      quota -= weight;
      window.remove(moved);
      windowWeight -= weight;
      moved.state = PROBATION;
      probation.addLast(moved);
    }
    protectedMaximum -= quota;
    windowMaximum += quota;
    adjustment = -quota;
  }
}
