package dev.larder.integration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * The default {@link JournalSerializer}: Java serialization. Keys and values must be
 * {@link Serializable}; classes are resolved through the given class loader (the thread's context
 * class loader when none is given), so that application classes load in containers.
 *
 * <p>Thread-safety: stateless apart from the class loader; safe to share.
 */
public final class JavaJournalSerializer implements JournalSerializer {

  private final ClassLoader classLoader;

  /** Resolves classes through the context class loader of the thread that deserializes. */
  public JavaJournalSerializer() {
    this(null);
  }

  /** Resolves classes through {@code classLoader} ({@code null}: the thread's context class loader). */
  public JavaJournalSerializer(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public byte[] serialize(Object object) throws IOException {
    if (!(object instanceof Serializable)) {
      throw new NotSerializableException(
          (object == null ? "null" : object.getClass().getName())
              + " is not Serializable; configure a JournalSerializer that can write it");
    }
    var bytes = new ByteArrayOutputStream(64);
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object deserialize(byte[] bytes) throws IOException {
    ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
    try (var in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("cannot deserialize: class not found: " + e.getMessage(), e);
    }
  }

  /** An object stream that resolves classes through a given loader before the default lookup. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
      return super.resolveClass(desc);
    }
  }
}
