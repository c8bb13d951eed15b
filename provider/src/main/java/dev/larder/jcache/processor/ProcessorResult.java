package dev.larder.jcache.processor;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * One key's outcome in {@code invokeAll}: the processor's result, or the exception it ended with,
 * thrown again by {@link #get()}.
 *
 * <p>Thread-safety: immutable.
 */
public final class ProcessorResult<T> implements EntryProcessorResult<T> {

  private final T result;
  private final EntryProcessorException failure;

  private ProcessorResult(T result, EntryProcessorException failure) {
    this.result = result;
    this.failure = failure;
  }

  /** A successful outcome. */
  public static <T> ProcessorResult<T> of(T result) {
    return new ProcessorResult<>(result, null);
  }

  /** A failed outcome. */
  public static <T> ProcessorResult<T> failed(EntryProcessorException failure) {
    return new ProcessorResult<>(null, failure);
  }

  @Override
  public T get() {
    if (failure != null) {
      throw failure;
    }
    return result;
  }
}
