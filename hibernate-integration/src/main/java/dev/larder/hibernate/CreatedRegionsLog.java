package dev.larder.hibernate;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Reports the regions Larder created because no configuration named them: one log line for all the
 * regions a session factory creates while it starts, then one line per region created later (a query
 * region first used after start). Replaces hibernate-jcache's warning per region.
 *
 * <p>Thread-safety: thread-safe; every method is {@code synchronized} (it runs a handful of times per
 * session factory, never on a hot path).
 */
final class CreatedRegionsLog {

  private static final System.Logger LOGGER = System.getLogger(LarderRegionFactory.class.getName());

  private final Level level;
  private final String settingsSource;
  private final List<String> pending = new ArrayList<>();
  private boolean observing;
  private boolean started;

  /**
   * @param level the level of the lines: INFO, or WARNING when the user asked for a warning
   * @param settingsSource where the created regions' settings come from, for the log line
   */
  CreatedRegionsLog(Level level, String settingsSource) {
    this.level = level;
    this.settingsSource = settingsSource;
  }

  /**
   * Records that {@code regionName} was created for {@code sessionFactory}.
   *
   * @param template the configuration file's template pattern the region took, or {@code null}
   */
  synchronized void created(String regionName, RegionKind kind, String template, SessionFactoryImplementor sessionFactory) {
    String entry = regionName + " (" + kind.label() + (template == null ? "" : ", template \"" + template + "\"") + ")";
    if (started) {
      LOGGER.log(level, "Larder created the second-level cache region " + entry
          + ", which no cache configuration names, with " + settingsSource);
      return;
    }
    pending.add(entry);
    if (!observing) {
      observing = true;
      sessionFactory.addObserver(new SessionFactoryObserver() {
        private static final long serialVersionUID = 1L;

        @Override
        public void sessionFactoryCreated(SessionFactory factory) {
          startupFinished();
        }
      });
    }
  }

  private synchronized void startupFinished() {
    started = true;
    if (!pending.isEmpty()) {
      pending.sort(null);
      LOGGER.log(level, "Larder created " + pending.size()
          + " second-level cache regions, which no cache configuration names, with " + settingsSource + ": "
          + String.join(", ", pending));
      pending.clear();
    }
  }
}
