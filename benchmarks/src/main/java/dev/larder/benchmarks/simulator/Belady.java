package dev.larder.benchmarks.simulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Belady's optimal replacement, offline: knowing the whole trace, a miss evicts the entry whose next
 * use is farthest away, and the missing key itself is not admitted when its own next use is farther
 * than every resident's. That makes it an upper bound for every policy here, admission filters (such
 * as W-TinyLFU's) included.
 *
 * <p>Implementation notes: a resident key is represented by the trace position of its next access
 * (positions are unique, and a key never used again gets the unique position {@code n + i}). The
 * residents sit in an int max-heap; at step {@code i} a resident whose position is {@code i} is the hit
 * and leaves the heap lazily (it is then the smallest element, so it is never the eviction victim while
 * any live element exists). The heap is compacted when stale elements outnumber live ones.
 *
 * <p>Thread-safety: stateless static methods; each call owns its working arrays.
 */
final class Belady {

  private Belady() {}

  /**
   * Fills {@code nextUse[i]} with the position of the next access to {@code keys[i]}, or
   * {@code keys.length + i} when there is none, and returns the number of distinct keys.
   */
  static int nextUses(long[] keys, int[] nextUse) {
    if (nextUse.length != keys.length) {
      throw new IllegalArgumentException("nextUse has length " + nextUse.length + ", keys " + keys.length);
    }
    if (keys.length > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("trace too long for int positions: " + keys.length);
    }
    Map<Long, Integer> following = new HashMap<>();
    for (int i = keys.length - 1; i >= 0; i--) {
      Integer next = following.put(keys[i], i);
      nextUse[i] = next == null ? keys.length + i : next;
    }
    return following.size();
  }

  /** Returns the number of hits of the optimal policy with room for {@code capacity} entries. */
  static long hits(int[] nextUse, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    int n = nextUse.length;
    boolean[] resident = new boolean[2 * n];
    int[] heap = new int[Math.min(2 * capacity + 2, n + 1) + 1];
    int heapSize = 0;
    int live = 0;
    long hits = 0;
    for (int i = 0; i < n; i++) {
      if (resident[i]) {
        hits++;
        resident[i] = false;
        live--;
      }
      int next = nextUse[i];
      if (live == capacity) {
        // Full: the candidate joins only if some resident is needed later than it.
        if (heap[0] < next) {
          continue;
        }
        int victim = heap[0];
        resident[victim] = false;
        live--;
        heapSize = popMax(heap, heapSize);
      }
      if (heapSize == heap.length) {
        heapSize = compact(heap, heapSize, i);
        if (heapSize == heap.length) {
          heap = Arrays.copyOf(heap, heap.length * 2);
        }
      }
      resident[next] = true;
      live++;
      heapSize = push(heap, heapSize, next);
    }
    return hits;
  }

  /** Keeps only elements after position {@code now} (the live ones) and re-heapifies; returns the new size. */
  private static int compact(int[] heap, int size, int now) {
    int kept = 0;
    for (int j = 0; j < size; j++) {
      if (heap[j] > now) {
        heap[kept++] = heap[j];
      }
    }
    for (int j = kept / 2 - 1; j >= 0; j--) {
      siftDown(heap, kept, j);
    }
    return kept;
  }

  private static int push(int[] heap, int size, int value) {
    int j = size;
    heap[j] = value;
    while (j > 0) {
      int parent = (j - 1) >>> 1;
      if (heap[parent] >= heap[j]) {
        break;
      }
      int t = heap[parent];
      heap[parent] = heap[j];
      heap[j] = t;
      j = parent;
    }
    return size + 1;
  }

  private static int popMax(int[] heap, int size) {
    int last = size - 1;
    heap[0] = heap[last];
    siftDown(heap, last, 0);
    return last;
  }

  private static void siftDown(int[] heap, int size, int from) {
    int j = from;
    while (true) {
      int left = 2 * j + 1;
      if (left >= size) {
        return;
      }
      int larger = left + 1 < size && heap[left + 1] > heap[left] ? left + 1 : left;
      if (heap[j] >= heap[larger]) {
        return;
      }
      int t = heap[j];
      heap[j] = heap[larger];
      heap[larger] = t;
      j = larger;
    }
  }
}
