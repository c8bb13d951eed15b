package dev.larder.policy;

/**
 * A queue of the key hashes of recently evicted entries, oldest first, with membership tests: what
 * ARC and S3-FIFO remember about entries that are no longer cached. Only hashes are kept, never keys
 * or values; two keys with the same hash share one ghost.
 *
 * <p>Implementation notes: primitive arrays only, about 30 bytes per ghost. A ring of
 * {@code (hash, stamp)} pairs keeps the order; an open-addressing table maps each live hash to the
 * stamp of its ring slot. Removing a hash from the middle (a ghost hit) only deletes it from the
 * table, which leaves a stale ring slot whose stamp no longer matches; stale slots are skipped when
 * the oldest ghost is dropped, and the ring is compacted when they outnumber the live ones.
 *
 * <p>Thread-safety: not thread-safe; used under the engine's maintenance lock.
 */
final class GhostList {

  private static final int MIN_TABLE = 16;

  private int[] ringHashes = new int[16];
  private long[] ringStamps = new long[16];
  private int ringHead;
  private int ringSize;

  /** Stamp 0 marks an empty table slot; stamps start at 1. */
  private int[] tableHashes = new int[MIN_TABLE];
  private long[] tableStamps = new long[MIN_TABLE];
  private int live;
  private long nextStamp;

  boolean contains(int hash) {
    return find(hash) >= 0;
  }

  /** Appends {@code hash} as the newest ghost (moving it there if present). */
  void addNewest(int hash) {
    long stamp = ++nextStamp;
    int slot = find(hash);
    if (slot >= 0) {
      tableStamps[slot] = stamp;
    } else {
      insert(hash, stamp);
    }
    push(hash, stamp);
  }

  boolean remove(int hash) {
    int slot = find(hash);
    if (slot < 0) {
      return false;
    }
    delete(slot);
    return true;
  }

  /** Forgets the oldest ghost; does nothing when empty. */
  void removeOldest() {
    while (ringSize > 0) {
      int hash = ringHashes[ringHead];
      long stamp = ringStamps[ringHead];
      ringHead = (ringHead + 1) & (ringHashes.length - 1);
      ringSize--;
      int slot = find(hash);
      if (slot >= 0 && tableStamps[slot] == stamp) {
        delete(slot);
        return;
      }
    }
  }

  int size() {
    return live;
  }

  // ---------------------------------------------------------------- ring

  private void push(int hash, long stamp) {
    if (ringSize == ringHashes.length) {
      if (ringSize >= 2 * live + 16) {
        compact();
      } else {
        grow(ringHashes.length * 2);
      }
    }
    int index = (ringHead + ringSize) & (ringHashes.length - 1);
    ringHashes[index] = hash;
    ringStamps[index] = stamp;
    ringSize++;
  }

  /** Keeps only the live slots, in order. */
  private void compact() {
    int mask = ringHashes.length - 1;
    int kept = 0;
    for (int i = 0; i < ringSize; i++) {
      int index = (ringHead + i) & mask;
      int slot = find(ringHashes[index]);
      if (slot >= 0 && tableStamps[slot] == ringStamps[index]) {
        int target = (ringHead + kept) & mask;
        ringHashes[target] = ringHashes[index];
        ringStamps[target] = ringStamps[index];
        kept++;
      }
    }
    ringSize = kept;
  }

  private void grow(int length) {
    int[] hashes = new int[length];
    long[] stamps = new long[length];
    int mask = ringHashes.length - 1;
    for (int i = 0; i < ringSize; i++) {
      int index = (ringHead + i) & mask;
      hashes[i] = ringHashes[index];
      stamps[i] = ringStamps[index];
    }
    ringHashes = hashes;
    ringStamps = stamps;
    ringHead = 0;
  }

  // ---------------------------------------------------------------- table (linear probing)

  private static int spread(int hash) {
    int h = hash * 0x9E37_79B9;
    return h ^ (h >>> 16);
  }

  private int find(int hash) {
    int mask = tableHashes.length - 1;
    for (int slot = spread(hash) & mask; tableStamps[slot] != 0; slot = (slot + 1) & mask) {
      if (tableHashes[slot] == hash) {
        return slot;
      }
    }
    return -1;
  }

  private void insert(int hash, long stamp) {
    if (2 * (live + 1) > tableHashes.length) {
      rehash(tableHashes.length * 2);
    }
    int mask = tableHashes.length - 1;
    int slot = spread(hash) & mask;
    while (tableStamps[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    tableHashes[slot] = hash;
    tableStamps[slot] = stamp;
    live++;
  }

  /** Deletes a slot, shifting back later entries of the probe run so lookups stay correct. */
  private void delete(int slot) {
    int mask = tableHashes.length - 1;
    int hole = slot;
    for (int next = (hole + 1) & mask; tableStamps[next] != 0; next = (next + 1) & mask) {
      int home = spread(tableHashes[next]) & mask;
      // Move the entry back if its home is not cyclically within (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        tableHashes[hole] = tableHashes[next];
        tableStamps[hole] = tableStamps[next];
        hole = next;
      }
    }
    tableStamps[hole] = 0;
    live--;
    if (tableHashes.length > MIN_TABLE && 8 * live < tableHashes.length) {
      rehash(tableHashes.length / 2);
    }
  }

  private void rehash(int length) {
    int[] oldHashes = tableHashes;
    long[] oldStamps = tableStamps;
    tableHashes = new int[length];
    tableStamps = new long[length];
    int mask = length - 1;
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldStamps[i] != 0) {
        int slot = spread(oldHashes[i]) & mask;
        while (tableStamps[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        tableHashes[slot] = oldHashes[i];
        tableStamps[slot] = oldStamps[i];
      }
    }
  }
}
