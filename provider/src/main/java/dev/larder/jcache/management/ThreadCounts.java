package dev.larder.jcache.management;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pair of counters (the hits and misses of single-key gets) that each thread adds to in a cell of its
 * own, without an atomic instruction: on the hottest path of a cache with statistics on, a
 * {@code LongAdder}'s compare-and-swap (a full fence on x86, stalling behind the get's cache misses)
 * cost more than the thread-local lookup this takes.
 *
 * <p>Thread-safety: thread-safe. Implementation notes: a cell is written only by its owner thread
 * (plain read, opaque write, so a reader never sees a torn value) and read by anyone (opaque). Cells
 * are registered once, on the owner's first count, in {@code cells}. A cell whose owner has died can no
 * longer change, so sums fold it into {@code retired} and drop it (a cell is dropped by whoever removes
 * it from the queue, once); registration folds too, so thread churn does not grow the queue without
 * bound. A sum running while a dead thread's cell is folded may miss that cell's counts for that once. {@link #reset()} moves the baseline to the current sums instead of writing cells it does not own;
 * counts racing with it may land on either side.
 */
final class ThreadCounts {

  private static final VarHandle FIRST;
  private static final VarHandle SECOND;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      FIRST = lookup.findVarHandle(Cell.class, "first", long.class);
      SECOND = lookup.findVarHandle(Cell.class, "second", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One thread's counts. */
  static final class Cell {
    final Thread owner;
    long first;
    long second;

    Cell(Thread owner) {
      this.owner = owner;
    }
  }

  private final ThreadLocal<Cell> local = ThreadLocal.withInitial(this::register);
  private final ConcurrentLinkedQueue<Cell> cells = new ConcurrentLinkedQueue<>();
  private final AtomicLong retiredFirst = new AtomicLong();
  private final AtomicLong retiredSecond = new AtomicLong();
  private final AtomicLong baseFirst = new AtomicLong();
  private final AtomicLong baseSecond = new AtomicLong();

  private Cell register() {
    Cell cell = new Cell(Thread.currentThread());
    retireDeadCells();
    cells.add(cell);
    return cell;
  }

  /**
   * Adds {@code n} to the first counter if {@code first}, else to the second (called by any thread;
   * counts in the caller's cell, found with one lookup either way).
   */
  void add(boolean first, long n) {
    Cell cell = local.get();
    if (first) {
      FIRST.setOpaque(cell, cell.first + n);
    } else {
      SECOND.setOpaque(cell, cell.second + n);
    }
  }

  long first() {
    return rawFirst() - baseFirst.get();
  }

  long second() {
    return rawSecond() - baseSecond.get();
  }

  /** Makes both counters read zero from now on. */
  void reset() {
    baseFirst.set(rawFirst());
    baseSecond.set(rawSecond());
  }

  private long rawFirst() {
    retireDeadCells();
    long sum = retiredFirst.get();
    for (Cell cell : cells) {
      sum += (long) FIRST.getOpaque(cell);
    }
    return sum;
  }

  private long rawSecond() {
    retireDeadCells();
    long sum = retiredSecond.get();
    for (Cell cell : cells) {
      sum += (long) SECOND.getOpaque(cell);
    }
    return sum;
  }

  private void retireDeadCells() {
    for (Iterator<Cell> it = cells.iterator(); it.hasNext(); ) {
      Cell cell = it.next();
      if (!cell.owner.isAlive() && cells.remove(cell)) {
        // The owner is gone, so the cell is final; only the thread that removed it folds it.
        retiredFirst.addAndGet((long) FIRST.getOpaque(cell));
        retiredSecond.addAndGet((long) SECOND.getOpaque(cell));
      }
    }
  }
}
