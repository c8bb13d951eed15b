package dev.larder.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer, single-consumer queue of pending policy updates (adds, updates,
 * removals). Unlike reads, writes are never dropped: when it is full the writer must drain it itself.
 *
 * <p>Implementation notes: a power-of-two ring; producers claim slot {@code tail} with a CAS after
 * checking it is free ({@code tail - head < capacity}) and publish with a release store. The consumer
 * reads slot {@code head} with an acquire load; {@code null} means empty or "claimed but not yet
 * published", in which case the producer's own drain request will come after its publication. The
 * consumer nulls the slot before publishing the new {@code head}, so a producer that sees the slot
 * free also sees it empty.
 *
 * <p>Thread-safety: {@link #offer} from any thread; {@link #poll} from one thread at a time (the
 * holder of the maintenance lock).
 */
final class WriteBuffer<E> {

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(WriteBuffer.class, "head", long.class);
      TAIL = lookup.findVarHandle(WriteBuffer.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] slots;
  private final int mask;
  private volatile long head;
  private volatile long tail;

  WriteBuffer(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    slots = new Object[size];
    mask = size - 1;
  }

  /** Appends {@code element}; returns false when the buffer is full. */
  boolean offer(E element) {
    for (;;) {
      long t = tail;
      long h = (long) HEAD.getAcquire(this);
      if (t - h > mask) {
        return false;
      }
      if (TAIL.compareAndSet(this, t, t + 1)) {
        SLOTS.setRelease(slots, (int) (t & mask), element);
        return true;
      }
    }
  }

  /** Removes and returns the oldest published element, or {@code null}. */
  @SuppressWarnings("unchecked")
  E poll() {
    long h = head;
    int index = (int) (h & mask);
    Object element = SLOTS.getAcquire(slots, index);
    if (element == null) {
      return null;
    }
    slots[index] = null;
    HEAD.setRelease(this, h + 1);
    return (E) element;
  }
}
