package dev.larder.config;

/**
 * Where a setting came from: the file (or "system properties"), its line ({@code -1} when unknown)
 * and the key's path below the {@code larder} block, e.g. {@code caches.users.policy}.
 *
 * <p>Thread-safety: immutable.
 */
record Where(String file, int line, String key) {

  /** Renders {@code file:line: key} the way every configuration error starts. */
  String prefix() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (key != null && !key.isEmpty()) {
      sb.append(": ").append(key);
    }
    return sb.toString();
  }
}
