package dev.larder.benchmarks.workload;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One benchmark thread's position in a {@link KeySequence}, starting at a random offset so that
 * threads do not walk the same keys in step.
 *
 * <p>Thread-safety: JMH gives each thread its own instance ({@link Scope#Thread}).
 */
@State(Scope.Thread)
public class Cursor {

  /** The next index to read; grows without bound and is wrapped by the sequence. */
  public int index;

  @Setup(Level.Trial)
  public void start() {
    index = ThreadLocalRandom.current().nextInt(KeySequence.LENGTH);
  }
}
