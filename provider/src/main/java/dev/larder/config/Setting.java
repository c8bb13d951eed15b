package dev.larder.config;

/**
 * One value a configuration layer sets, with where it was set (for errors found after merging).
 *
 * <p>Thread-safety: immutable if {@code value} is.
 */
record Setting<T>(T value, Where where) {}
