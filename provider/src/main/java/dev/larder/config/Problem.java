package dev.larder.config;

/**
 * One thing wrong with a configuration file: where, and what (with what is allowed instead).
 *
 * <p>Thread-safety: immutable.
 */
record Problem(Where where, String message) {

  @Override
  public String toString() {
    return where.prefix() + ": " + message;
  }
}
