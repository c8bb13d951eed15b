package dev.larder.jcache.copy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheException;

/**
 * The copier of store-by-value caches: a deep copy through Java serialization, read back through the
 * cache's class loader. Values are held serialized ({@link Serialized}): a put serializes, a read
 * deserializes. Objects of immutable JDK types (strings, boxed primitives, enums, {@code
 * java.time} values, big numbers, UUIDs...) are shared instead: copying them would only cost time.
 *
 * <p>Thread-safety: thread-safe; each copy uses its own streams. The only state is the cache of resolved
 * classes, a concurrent map in a volatile holder that a change of class loader replaces (a race then
 * only loses some remembered lookups).
 */
final class SerializingCopier implements Copier {

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

  private byte[] write(Object object) {
    try {
      var bytes = new ByteArrayOutputStream(256);
      try (var out = new CompactObjectOutputStream(bytes)) {
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
  private Object read(byte[] bytes, ClassLoader classLoader, Class<?> type) {
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

  private static final ClassValue<Boolean> IMMUTABLE_TYPES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return IMMUTABLE.contains(type)
          || type.isEnum()
          || (type.getSuperclass() != null && type.getSuperclass().isEnum())
          || "java.time".equals(type.getPackageName());
    }
  };

  /** The classes named in this copier's streams, resolved through {@code loader}; replaced if the loader changes. */
  private record Resolved(ClassLoader loader, ConcurrentHashMap<String, Class<?>> classes) {}

  private volatile Resolved resolved = new Resolved(null, new ConcurrentHashMap<>());

  static boolean isImmutable(Class<?> type) {
    return IMMUTABLE_TYPES.get(type);
  }

  /**
   * Resolves a class named in a stream through {@code loader} (then Larder's own loader, for JDK
   * classes when there is none), remembering the answer: a cache's copier always reads with the
   * cache's loader, so each class is looked up once.
   */
  Class<?> resolve(String name, ClassLoader loader) throws ClassNotFoundException {
    Resolved current = resolved;
    if (current.loader() != loader) {
      current = new Resolved(loader, new ConcurrentHashMap<>());
      resolved = current;
    }
    Class<?> type = current.classes().get(name);
    if (type == null) {
      type = load(name, loader);
      current.classes().put(name, type);
    }
    return type;
  }

  private static Class<?> load(String name, ClassLoader loader) throws ClassNotFoundException {
    if (loader != null) {
      try {
        return Class.forName(name, false, loader);
      } catch (ClassNotFoundException notThere) {
        // fall back to Larder's own loader (JDK classes)
      }
    }
    return Class.forName(name, false, SerializingCopier.class.getClassLoader());
  }

  /**
   * Writes class descriptors as the class name only. The bytes never leave this JVM and are read
   * against the very same classes, so the field list a standard descriptor carries (most of the work
   * of reading a small object back) is looked up locally instead.
   */
  private static final class CompactObjectOutputStream extends ObjectOutputStream {
    CompactObjectOutputStream(OutputStream out) throws IOException {
      super(out);
    }

    @Override
    protected void writeClassDescriptor(ObjectStreamClass descriptor) throws IOException {
      writeUTF(descriptor.getName());
    }
  }

  /**
   * Reads what {@link CompactObjectOutputStream} wrote, resolving classes through the cache's class
   * loader first (see {@link #resolve}).
   */
  private final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    LoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected ObjectStreamClass readClassDescriptor() throws IOException, ClassNotFoundException {
      String name = readUTF();
      ObjectStreamClass descriptor = ObjectStreamClass.lookupAny(resolve(name, classLoader));
      if (descriptor == null) {
        throw new InvalidClassException(name, "has no serialization descriptor");
      }
      return descriptor;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
      return resolve(descriptor.getName(), classLoader);
    }
  }
}
