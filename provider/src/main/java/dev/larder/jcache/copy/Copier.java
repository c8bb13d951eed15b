package dev.larder.jcache.copy;

/**
 * Makes the copies that store-by-value needs: a key or value is copied on its way into the cache and
 * a value again on its way out, so that neither side can change the other's object. A value may be
 * held in another form than the object (see {@link #toStored}); keys are always held as copies.
 *
 * <p>Thread-safety: implementations are safe for any thread.
 */
public interface Copier {

  /** Returns {@code object} itself or an equal copy of it; {@code null} stays {@code null}. */
  <T> T copy(T object, ClassLoader classLoader);

  /**
   * Returns the form in which a cache holds {@code value}: the value itself, a copy, or an opaque
   * holder that only {@link #fromStored} can read. The default holds a {@link #copy}.
   */
  default Object toStored(Object value, ClassLoader classLoader) {
    return copy(value, classLoader);
  }

  /**
   * Returns a value a caller may own, from what {@link #toStored} made (or from a plain value, which
   * is then copied). The default returns a {@link #copy}.
   */
  @SuppressWarnings("unchecked")
  default <T> T fromStored(Object stored, ClassLoader classLoader) {
    return (T) copy(stored, classLoader);
  }

  /** Returns {@code true} when {@link #copy} always returns its argument (store-by-reference). */
  boolean isIdentity();

  /**
   * Returns the copier a cache needs: serializing copies for store-by-value (a new one per cache, as
   * it remembers the classes it resolved through the cache's loader), none otherwise.
   */
  static Copier forStoreByValue(boolean storeByValue) {
    return storeByValue ? new SerializingCopier() : IdentityCopier.INSTANCE;
  }
}
