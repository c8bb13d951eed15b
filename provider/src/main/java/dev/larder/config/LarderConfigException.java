package dev.larder.config;

import java.util.List;
import javax.cache.CacheException;

/**
 * Thrown when a Larder configuration file cannot be used: a syntax error, an unknown key, a value of
 * the wrong type or out of range, a class that cannot be loaded. The message lists every problem
 * found, one a line, each as {@code file:line: key: what is wrong; what is allowed}; the accessors
 * give the first one. A {@code CacheManager} whose file fails this way is not opened at all.
 *
 * <p>Thread-safety: immutable.
 */
public class LarderConfigException extends CacheException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String key;

  LarderConfigException(Where where, String problem) {
    this(List.of(new Problem(where, problem)), null);
  }

  LarderConfigException(Where where, String problem, Throwable cause) {
    this(List.of(new Problem(where, problem)), cause);
  }

  LarderConfigException(List<Problem> problems, Throwable cause) {
    super(render(problems), cause);
    Where first = problems.get(0).where();
    this.file = first.file();
    this.line = first.line();
    this.key = first.key();
  }

  private static String render(List<Problem> problems) {
    StringBuilder sb = new StringBuilder();
    for (Problem problem : problems) {
      if (sb.length() > 0) {
        sb.append(System.lineSeparator());
      }
      sb.append(problem);
    }
    return sb.toString();
  }

  /** The file (or resource, or {@code "system properties"}) of the first problem. */
  public String getFile() {
    return file;
  }

  /** The line of the first problem, or {@code -1} when it is not known. */
  public int getLine() {
    return line;
  }

  /** The key of the first problem below the {@code larder} block (e.g. {@code caches.users.policy}), or empty. */
  public String getKey() {
    return key;
  }
}
