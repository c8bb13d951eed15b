package dev.larder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's example file honest: loaded as it stands, its only problems are the example's
 * own classes ({@code com.example.*}) that do not exist here; every key and value must be valid.
 */
class ReadmeExampleTest {

  @Test
  void readmeExampleHasOnlyMissingExampleClasses(@TempDir Path dir) throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
    int start = readme.indexOf("```hocon\n");
    assertThat(start).as("the README has a ```hocon example").isNotNegative();
    String example = readme.substring(start + "```hocon\n".length(), readme.indexOf("```", start + 9));
    Path file = dir.resolve("larder.conf");
    Files.writeString(file, example);

    LarderConfigException e = catchThrowableOfType(LarderConfigException.class,
        () -> ConfigFile.load(file.toUri(), getClass().getClassLoader()));

    assertThat(e).isNotNull();
    assertThat(e.getMessage().lines())
        .hasSizeGreaterThan(5)
        .allSatisfy(line -> assertThat(line).matches(".*: class com\\.example\\.\\w+ cannot be loaded.*"));
  }
}
