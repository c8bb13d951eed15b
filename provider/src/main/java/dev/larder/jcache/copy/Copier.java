package dev.larder.jcache.copy;

/**
 * Makes the copies that store-by-value needs: a key or value is copied on its way into the cache and
 * a value again on its way out, so that neither side can change the other's object.
 *
 * <p>Thread-safety: implementations are stateless and safe for any thread.
 */
public interface Copier {

  /** Returns {@code object} itself or an equal copy of it; {@code null} stays {@code null}. */
  <T> T copy(T object, ClassLoader classLoader);

  /** Returns {@code true} when {@link #copy} always returns its argument (store-by-reference). */
  boolean isIdentity();

  /** Returns the copier a cache needs: serializing copies for store-by-value, none otherwise. */
  static Copier forStoreByValue(boolean storeByValue) {
    return storeByValue ? SerializingCopier.INSTANCE : IdentityCopier.INSTANCE;
  }
}
