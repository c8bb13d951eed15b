package dev.larder.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.spi.LarderCachingProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM doing write-behind puts (SIGKILL, mid-burst) and checks that a new cache on the same
 * journal restores every put that had returned.
 */
class WriteBehindCrashTest {

  private static final int PUTS_BEFORE_KILL = 1_500;

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void afterAKillMidBurstTheDatabaseGetsEveryPutThatHadReturned() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path errors = dir.resolve("child.err");
    Process child = new ProcessBuilder(java, "-cp", classpath, WriteBehindCrashChild.class.getName(), dir.toString())
        .redirectError(errors.toFile())
        .start();
    Map<String, Long> lastReturned = new HashMap<>();
    int lines = 0;
    try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        int eq = line.indexOf('=');
        lastReturned.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
        if (++lines == PUTS_BEFORE_KILL) {
          // SIGKILL (no shutdown hook, no close, no flush). Through the handle, so that the pipe stays
          // open and the lines the child printed before dying are still read.
          child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(lines).as("puts the child reported; its stderr: %s", Files.readString(errors))
        .isGreaterThanOrEqualTo(PUTS_BEFORE_KILL);
    long journalBytes = 0;
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("items.journal.")).toList()) {
        journalBytes += Files.size(p);
      }
    }
    assertThat(journalBytes).as("the kill left queued writes in the journal").isGreaterThan(Journal.HEADER_BYTES);

    var db = H2.withUrl(WriteBehindCrashChild.databaseUrl(dir));
    CacheManager manager = Caching.getCachingProvider(LarderCachingProvider.class.getName())
        .getCacheManager(URI.create("larder:crash-recovery"), getClass().getClassLoader());
    manager.createCache("items", WriteBehindCrashChild.configuration(dir, db)); // replays the journal
    manager.close(); // flushes it

    Map<String, String> rows = H2.rows(db);
    assertThat(rows.keySet()).containsAll(lastReturned.keySet());
    for (Map.Entry<String, Long> e : lastReturned.entrySet()) {
      long stored = Long.parseLong(rows.get(e.getKey()));
      int keyIndex = Integer.parseInt(e.getKey().substring(1));
      assertThat(stored % WriteBehindCrashChild.KEYS).as("value of %s belongs to it", e.getKey()).isEqualTo(keyIndex);
      assertThat(stored).as("value of %s: the last returned put or a later one", e.getKey())
          .isGreaterThanOrEqualTo(e.getValue());
    }
  }
}
