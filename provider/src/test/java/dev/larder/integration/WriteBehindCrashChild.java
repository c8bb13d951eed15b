package dev.larder.integration;

import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;

/**
 * The process {@link WriteBehindCrashTest} kills: a write-behind cache over an H2 file database with
 * a journal synced on every write, putting increasing values to 50 keys for ever and printing
 * {@code key=value} on stdout after each put has returned.
 */
public final class WriteBehindCrashChild {

  static final int KEYS = 50;

  private WriteBehindCrashChild() {}

  static String databaseUrl(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
  }

  static LarderConfiguration<String, String> configuration(Path dir, javax.sql.DataSource db) {
    var store = H2.stringStore(db);
    return new LarderConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(store))
        .setWriteThrough(true)
        .setWriteMode(WriteMode.BEHIND)
        .setWriteBehind(new WriteBehindSettings()
            .setJournalPath(dir.resolve("items.journal"))
            .setFsyncPolicy(WriteBehindSettings.FsyncPolicy.EVERY_WRITE)
            .setFlushDelay(Duration.ofMillis(50))
            .setBatchSize(500));
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    var out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    var manager = Caching.getCachingProvider(LarderCachingProvider.class.getName()).getCacheManager();
    Cache<String, String> cache = manager.createCache("items", configuration(dir, H2.withUrl(databaseUrl(dir))));
    for (long i = 0; ; i++) {
      String key = "k" + (i % KEYS);
      String value = Long.toString(i);
      cache.put(key, value);
      out.println(key + "=" + value);
      out.flush();
    }
  }
}
