package dev.larder.engine;

/**
 * The field layout of a {@link ConcurrentStore}: the fields maintenance writes on every cycle sit
 * between two pads, so those writes do not invalidate the cache line holding the fields every reader
 * loads (the map, the read buffer, the ticker). Superclass fields are laid out before subclass
 * fields, so the store extends {@link Padded} and its own fields start after the second pad.
 *
 * <p>Thread-safety: {@code drainStatus} and {@code weightedSize} are volatile and may be read by any
 * thread; {@code weight} belongs to the holder of the store's maintenance lock.
 */
final class MaintenanceLayout {

  private MaintenanceLayout() {}

  /** Padding before the maintenance fields. */
  abstract static class PadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
  }

  /** The fields maintenance writes on every cycle. */
  abstract static class Fields extends PadBefore {
    /** Whether a maintenance run is owed or running (see {@link ConcurrentStore}). */
    volatile int drainStatus;

    /** The policy's total weight, exact under the lock; published to {@code weightedSize} after each cycle. */
    long weight;

    /** The total weight as of the end of the last maintenance cycle. */
    volatile long weightedSize;
  }

  /** Padding after the maintenance fields; the store extends this. */
  abstract static class Padded extends Fields {
    long p10, p11, p12, p13, p14, p15, p16, p17;
  }
}
