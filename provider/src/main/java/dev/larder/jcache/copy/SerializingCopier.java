package dev.larder.jcache.copy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import javax.cache.CacheException;

/**
 * The copier of store-by-value caches: a deep copy through Java serialization, read back through the
 * cache's class loader. Values are held serialized ({@link Serialized}): a put serializes, a read
 * deserializes. Objects of immutable JDK types (strings, boxed primitives, enums, {@code
 * java.time} values, big numbers, UUIDs...) are shared instead: copying them would only cost time.
 *
 * <p>Thread-safety: stateless; each copy uses its own streams.
 */
enum SerializingCopier implements Copier {
  INSTANCE;

  private static final Set<Class<?>> IMMUTABLE = Set.of(
      String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
      Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class,
      URI.class, Class.class, java.util.Locale.class);

  @Override
  public <T> T copy(T object, ClassLoader classLoader) {
    if (object == null || isImmutable(object.getClass())) {
      return object;
    }
    @SuppressWarnings("unchecked")
    T copy = (T) read(write(object), classLoader, object.getClass());
    return copy;
  }

  /** Immutable values are held as they are, others as their {@link Serialized} bytes. */
  @Override
  public Object toStored(Object value, ClassLoader classLoader) {
    if (value == null || isImmutable(value.getClass())) {
      return value;
    }
    return new Serialized(write(value));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T fromStored(Object stored, ClassLoader classLoader) {
    if (stored instanceof Serialized serialized) {
      return (T) read(serialized.bytes(), classLoader, null);
    }
    return (T) copy(stored, classLoader);
  }

  private static byte[] write(Object object) {
    try {
      var bytes = new ByteArrayOutputStream(256);
      try (var out = new ObjectOutputStream(bytes)) {
        out.writeObject(object);
      }
      return bytes.toByteArray();
    } catch (NotSerializableException e) {
      throw new CacheException("Store-by-value needs Serializable keys and values, but "
          + object.getClass().getName() + " (or an object it holds) is not: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CacheException("Could not serialize an object of " + object.getClass().getName()
          + " for store-by-value: " + e, e);
    }
  }

  /** Reads back what {@link #write} wrote; {@code type}, when known, names the class in errors. */
  private static Object read(byte[] bytes, ClassLoader classLoader, Class<?> type) {
    try (var in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new CacheException("Could not copy " + (type == null ? "a stored value" : "an object of " + type.getName())
          + " for store-by-value: " + e, e);
    }
  }

  @Override
  public boolean isIdentity() {
    return false;
  }

  static boolean isImmutable(Class<?> type) {
    return IMMUTABLE.contains(type)
        || type.isEnum()
        || (type.getSuperclass() != null && type.getSuperclass().isEnum())
        || "java.time".equals(type.getPackageName());
  }

  /** Resolves classes through the cache's class loader first, then the default resolution. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    LoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
      if (classLoader != null) {
        try {
          return Class.forName(descriptor.getName(), false, classLoader);
        } catch (ClassNotFoundException notThere) {
          // fall through to the stream's default resolution (primitives, JDK classes)
        }
      }
      return super.resolveClass(descriptor);
    }
  }
}
