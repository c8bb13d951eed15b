package dev.larder.hibernate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what is logged through {@code java.util.logging} (where Hibernate's JBoss Logging and Larder's
 * {@code System.Logger} both end up in the tests) while it is open.
 *
 * <p>Thread-safety: records may arrive from any thread; the lists are copy-on-write.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  static LogCapture start() {
    LogCapture capture = new LogCapture();
    Logger.getLogger("").addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }

  /** The messages of {@link LarderRegionFactory}'s logger. */
  List<String> larderLines() {
    return records.stream().filter(LogCapture::fromLarder).map(LogRecord::getMessage).toList();
  }

  List<Level> larderLevels() {
    return records.stream().filter(LogCapture::fromLarder).map(LogRecord::getLevel).toList();
  }

  /** hibernate-jcache's warnings that it created a region on the fly. */
  List<String> hibernateWarningsPerRegion() {
    return records.stream().map(r -> String.valueOf(r.getMessage())).filter(m -> m.contains("HHH90001006")).toList();
  }

  private static boolean fromLarder(LogRecord record) {
    return LarderRegionFactory.class.getName().equals(record.getLoggerName());
  }
}
