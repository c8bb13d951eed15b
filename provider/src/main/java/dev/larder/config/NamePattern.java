package dev.larder.config;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A template's cache-name pattern: a glob where {@code *} matches any run of characters (dots
 * included) and {@code ?} exactly one. The characters {@code [ ] { } \} are reserved, a pattern must
 * not be empty and must hold at least one wildcard (a name without one belongs under {@code caches}).
 *
 * <p>When several patterns match a name, the most specific wins: the one with the most literal
 * characters, then the one with fewer {@code *}, then the one that sorts first as a string
 * ({@link #MOST_SPECIFIC_FIRST}).
 *
 * <p>Thread-safety: immutable.
 */
final class NamePattern {

  static final String RESERVED = "[]{}\\";

  /** Orders patterns so that the one that wins a tie for a name comes first. */
  static final Comparator<NamePattern> MOST_SPECIFIC_FIRST =
      Comparator.comparingInt((NamePattern p) -> -p.literals)
          .thenComparingInt(p -> p.stars)
          .thenComparing(p -> p.glob);

  private final String glob;
  private final Pattern regex;
  private final int literals;
  private final int stars;

  private NamePattern(String glob, Pattern regex, int literals, int stars) {
    this.glob = glob;
    this.regex = regex;
    this.literals = literals;
    this.stars = stars;
  }

  /**
   * Parses {@code glob}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static NamePattern parse(String glob) {
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    StringBuilder regex = new StringBuilder();
    int literals = 0;
    int stars = 0;
    int wildcards = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (RESERVED.indexOf(c) >= 0) {
        throw new IllegalArgumentException("reserved character '" + c + "' at position " + (i + 1)
            + "; patterns allow literal characters, '*' (any run) and '?' (one character)");
      }
      if (c == '*') {
        stars++;
        wildcards++;
        regex.append(".*");
      } else if (c == '?') {
        wildcards++;
        regex.append('.');
      } else {
        literals++;
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (wildcards == 0) {
      throw new IllegalArgumentException("pattern has no '*' or '?'; a single cache belongs under 'caches'");
    }
    return new NamePattern(glob, Pattern.compile(regex.toString(), Pattern.DOTALL), literals, stars);
  }

  boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  String glob() {
    return glob;
  }

  @Override
  public String toString() {
    return glob;
  }
}
