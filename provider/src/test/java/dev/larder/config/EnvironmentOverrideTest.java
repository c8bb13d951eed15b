package dev.larder.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Environment variables cannot be set inside a running JVM, so this test starts a second one with a
 * {@code CONFIG_FORCE_} variable and reads what it loaded.
 */
class EnvironmentOverrideTest {

  @Test
  void environmentVariableOverridesTheFileAndTheSystemProperty() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dlarder.caches.plain.maximum-size=66", Child.class.getName());
    builder.environment().put("CONFIG_FORCE_larder_caches_plain_maximum__size", "55");
    builder.redirectErrorStream(true);
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).isEqualTo("55");
  }

  /** Loads the sample file and prints the bound of its cache "plain". */
  public static final class Child {
    public static void main(String[] args) {
      ConfigFile file = ConfigFile.load(URI.create("classpath:config/full.conf"), Child.class.getClassLoader());
      System.out.println(file.namedCaches().get("plain").getMaximumSize());
    }
  }
}
