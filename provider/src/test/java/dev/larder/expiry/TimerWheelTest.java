package dev.larder.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

  /** A minimal wheel entry. */
  static final class Entry implements Timed {
    final long deadline;
    Timed prev;
    Timed next;

    Entry(long deadline) {
      this.deadline = deadline;
    }

    @Override
    public long deadline() {
      return deadline;
    }

    @Override
    public Timed timerPrev() {
      return prev;
    }

    @Override
    public void setTimerPrev(Timed prev) {
      this.prev = prev;
    }

    @Override
    public Timed timerNext() {
      return next;
    }

    @Override
    public void setTimerNext(Timed next) {
      this.next = next;
    }
  }

  @Test
  void nodeExpiresAtTheFirstAdvanceThatReachesItsDeadline() {
    TimerWheel wheel = new TimerWheel(0);
    Entry entry = new Entry(TimeUnit.SECONDS.toNanos(5));
    wheel.schedule(entry);
    List<Timed> expired = new ArrayList<>();

    wheel.advance(TimeUnit.SECONDS.toNanos(5) - 1, expired::add);
    assertThat(expired).isEmpty();
    wheel.advance(TimeUnit.SECONDS.toNanos(5), expired::add);
    assertThat(expired).containsExactly(entry);
    assertThat(entry.timerNext()).isNull();
  }

  @Test
  void farFutureDeadlinesCascadeThroughTheUpperLevels() {
    long start = -TimeUnit.DAYS.toNanos(3);
    TimerWheel wheel = new TimerWheel(start);
    long[] offsets = {TimeUnit.HOURS.toNanos(3), TimeUnit.DAYS.toNanos(10), TimeUnit.DAYS.toNanos(400),
        TimeUnit.DAYS.toNanos(365L * 50)};
    List<Entry> entries = new ArrayList<>();
    for (long offset : offsets) {
      Entry entry = new Entry(start + offset);
      entries.add(entry);
      wheel.schedule(entry);
    }
    List<Timed> expired = new ArrayList<>();
    long now = start;
    for (Entry entry : entries) {
      // walk towards the deadline in uneven steps, then stop one nanosecond short of it
      while (entry.deadline - now > TimeUnit.HOURS.toNanos(7)) {
        now += (entry.deadline - now) / 3;
        wheel.advance(now, expired::add);
        assertThat(expired).doesNotContain(entry);
      }
      wheel.advance(entry.deadline - 1, expired::add);
      assertThat(expired).doesNotContain(entry);
      now = entry.deadline;
      wheel.advance(now, expired::add);
      assertThat(expired).endsWith(entry);
    }
    assertThat(expired).containsExactlyElementsOf(entries);
  }

  @Test
  void descheduledNodeNeverExpires() {
    TimerWheel wheel = new TimerWheel(0);
    Entry entry = new Entry(100);
    wheel.schedule(entry);
    wheel.deschedule(entry);
    List<Timed> expired = new ArrayList<>();

    wheel.advance(TimeUnit.DAYS.toNanos(1), expired::add);

    assertThat(expired).isEmpty();
  }

  @Test
  void neverDeadlineIsNotHeld() {
    TimerWheel wheel = new TimerWheel(0);
    Entry entry = new Entry(Long.MAX_VALUE);

    wheel.schedule(entry);

    assertThat(entry.timerNext()).isNull();
  }

  @Test
  void passedDeadlineExpiresAtTheNextAdvance() {
    TimerWheel wheel = new TimerWheel(TimeUnit.MINUTES.toNanos(10));
    Entry entry = new Entry(TimeUnit.MINUTES.toNanos(1));
    wheel.schedule(entry);
    List<Timed> expired = new ArrayList<>();

    wheel.advance(TimeUnit.MINUTES.toNanos(10) + 1, expired::add);

    assertThat(expired).containsExactly(entry);
  }

  /**
   * Deadlines on every scale (nanoseconds to decades) and advances of every size: after each advance
   * exactly the nodes whose deadline is at or before the new time have expired, each once.
   */
  @Property(tries = 300)
  void advanceExpiresExactlyTheNodesWhoseDeadlinePassed(
      @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 62) Long> deadlineScales,
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 56) Integer> stepScales,
      @ForAll long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    long start = random.nextLong(-(1L << 62), -(1L << 61)); // no overflow, and crosses zero
    TimerWheel wheel = new TimerWheel(start);
    List<Entry> entries = new ArrayList<>();
    for (long scale : deadlineScales) {
      long offset = random.nextLong(1L << scale) - (scale < 10 ? 0 : (1L << (scale - 10)));
      Entry entry = new Entry(start + offset);
      entries.add(entry);
      wheel.schedule(entry);
    }
    Set<Timed> expired = new HashSet<>();
    long now = start;
    for (int scale : stepScales) {
      now += random.nextLong(1L << scale) + 1;
      wheel.advance(now, node -> assertThat(expired.add(node)).as("expired once").isTrue());
      for (Entry entry : entries) {
        assertThat(expired.contains(entry))
            .as("deadline %d at time %d", entry.deadline - start, now - start)
            .isEqualTo(entry.deadline - now <= 0);
      }
    }
  }
}
