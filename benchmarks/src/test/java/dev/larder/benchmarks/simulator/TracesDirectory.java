package dev.larder.benchmarks.simulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find {@code shared/traces}: the {@code larder.traces} property the build sets. */
final class TracesDirectory {

  private TracesDirectory() {}

  static Path get() {
    String configured = System.getProperty("larder.traces", "../../shared/traces");
    Path path = Path.of(configured);
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("traces directory not found: " + path.toAbsolutePath()
          + " (set -Dlarder.traces=DIR)");
    }
    return path;
  }
}
