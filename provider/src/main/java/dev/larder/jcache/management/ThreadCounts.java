package dev.larder.jcache.management;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters that each thread adds to in a cell of its own, without an atomic instruction, and that anyone
 * can sum. They hold the statistics recorded on every operation: on the hottest path of a cache with
 * statistics on, a {@code LongAdder}'s compare-and-swap (a full fence on x86, stalling behind the
 * operation's cache misses) cost more than the thread-local lookup this takes, and counters of different
 * threads that shared a cache line (a get's hit count beside the maintenance thread's eviction count)
 * made each write a cache miss for the other thread.
 *
 * <p>A cell is an array of {@code counters} summed slots followed by {@code ownerSlots} slots only its
 * owner uses (a sampling countdown, say), with {@value #PAD} unused longs on each side: no other object
 * can share a cache line (or the pair of lines the hardware prefetches together) with a slot.
 *
 * <p>Thread-safety: thread-safe. Implementation notes: a slot is written only by its owner thread (plain
 * read, opaque write, so a reader never sees a torn value) and summed by anyone (opaque). Cells are
 * registered once per thread, by {@link #register()}, in {@code cells}. A cell whose owner has died can no
 * longer change, so sums fold it into {@code retired} and drop it (a cell is dropped by whoever removes
 * it from the queue, once); registration folds too, so thread churn does not grow the queue without
 * bound. A sum running while a dead thread's cell is folded may miss that cell's counts for that once.
 * {@link #reset()} moves the baseline to the current sums instead of writing cells it does not own;
 * counts racing with it may land on either side.
 */
final class ThreadCounts {

  /** Unused longs before and after a cell's slots: 128 bytes each side. */
  static final int PAD = 16;

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  /** One thread's slots. */
  static final class Cell {
    final Thread owner;
    final long[] slots;

    Cell(Thread owner, int slots) {
      this.owner = owner;
      this.slots = new long[PAD + slots + PAD];
    }

    /** Adds {@code n} to summed slot {@code counter}; only the owner calls this. */
    void add(int counter, long n) {
      int index = PAD + counter;
      SLOT.setOpaque(slots, index, slots[index] + n);
    }

    /** The owner's plain read of a slot (an owner slot is {@code counters + i}). */
    long get(int slot) {
      return slots[PAD + slot];
    }

    /** The owner's plain write of an owner slot. */
    void set(int slot, long value) {
      slots[PAD + slot] = value;
    }

    long sumValue(int counter) {
      return (long) SLOT.getOpaque(slots, PAD + counter);
    }
  }

  private final int counters;
  private final int ownerSlots;
  private final ConcurrentLinkedQueue<Cell> cells = new ConcurrentLinkedQueue<>();
  private final AtomicLongArray retired;
  private final AtomicLongArray baseline;

  /** Creates counters numbered {@code 0..counters-1}, each cell having {@code ownerSlots} more slots after them. */
  ThreadCounts(int counters, int ownerSlots) {
    this.counters = counters;
    this.ownerSlots = ownerSlots;
    this.retired = new AtomicLongArray(counters);
    this.baseline = new AtomicLongArray(counters);
  }

  /** Creates and registers the calling thread's cell; the caller keeps it (in a {@code ThreadLocal}). */
  Cell register() {
    Cell cell = new Cell(Thread.currentThread(), counters + ownerSlots);
    retireDeadCells();
    cells.add(cell);
    return cell;
  }

  /** The sum of {@code counter} over every thread since the last {@link #reset()}. */
  long sum(int counter) {
    return rawSum(counter) - baseline.get(counter);
  }

  /** Makes every counter read zero from now on. */
  void reset() {
    for (int counter = 0; counter < counters; counter++) {
      baseline.set(counter, rawSum(counter));
    }
  }

  private long rawSum(int counter) {
    retireDeadCells();
    long sum = retired.get(counter);
    for (Cell cell : cells) {
      sum += cell.sumValue(counter);
    }
    return sum;
  }

  private void retireDeadCells() {
    for (Iterator<Cell> it = cells.iterator(); it.hasNext(); ) {
      Cell cell = it.next();
      if (!cell.owner.isAlive() && cells.remove(cell)) {
        // The owner is gone, so the cell is final; only the thread that removed it folds it.
        for (int counter = 0; counter < counters; counter++) {
          retired.addAndGet(counter, cell.sumValue(counter));
        }
      }
    }
  }
}
