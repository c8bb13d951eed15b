package dev.larder.config;

import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;

/**
 * A {@link Factory} of the class a configuration file names: it instantiates the class through its
 * public no-argument constructor and, when that instance is itself a {@code Factory} (or a
 * {@code Supplier}), returns what that creates. The class is checked when the file is loaded
 * ({@link #check}), so a misspelt name stops the manager rather than the first cache operation.
 *
 * <p>Thread-safety: immutable apart from the transient class loader, which is set once at construction;
 * {@link #create()} may be called from any thread.
 */
final class NamedClassFactory<T> implements Factory<T> {

  private static final long serialVersionUID = 1L;

  private final String className;
  private final Class<T> expected;
  private final transient ClassLoader classLoader;

  NamedClassFactory(String className, Class<T> expected, ClassLoader classLoader) {
    this.className = Objects.requireNonNull(className);
    this.expected = Objects.requireNonNull(expected);
    this.classLoader = classLoader;
  }

  String className() {
    return className;
  }

  /**
   * Loads the class and checks it can produce a {@code T}: it is one, or a {@code Factory} or
   * {@code Supplier} (whose product is checked when {@link #create()} runs).
   *
   * @return {@code null} when it can, else what is wrong
   */
  String check() {
    return check(true);
  }

  /**
   * As {@link #check()}; with {@code wrappersAllowed} false the class itself must be a {@code T} (for a
   * class name that is handed on as a name, like the journal serializer's).
   */
  String check(boolean wrappersAllowed) {
    Class<?> type;
    try {
      type = load();
    } catch (ClassNotFoundException | LinkageError e) {
      return "class " + className + " cannot be loaded (" + e + ")";
    }
    boolean wraps = wrappersAllowed
        && (Factory.class.isAssignableFrom(type) || Supplier.class.isAssignableFrom(type));
    if (!expected.isAssignableFrom(type) && !wraps) {
      return "class " + className + " is not a " + expected.getName() + (wrappersAllowed ? " (nor a Factory of one)" : "");
    }
    try {
      type.getConstructor();
    } catch (NoSuchMethodException e) {
      return "class " + className + " has no public no-argument constructor";
    }
    if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
      return "class " + className + " is abstract";
    }
    return null;
  }

  private Class<?> load() throws ClassNotFoundException {
    ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
    return Class.forName(className, false, loader != null ? loader : NamedClassFactory.class.getClassLoader());
  }

  @Override
  public T create() {
    Object instance;
    try {
      instance = load().getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new CacheException("cannot create " + className + ": its constructor failed", e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new CacheException("cannot create " + className, e);
    }
    if (!expected.isInstance(instance)) {
      if (instance instanceof Factory<?> factory) {
        instance = factory.create();
      } else if (instance instanceof Supplier<?> supplier) {
        instance = supplier.get();
      }
    }
    if (!expected.isInstance(instance)) {
      throw new CacheException(className + " produced " + (instance == null ? "null" : instance.getClass().getName())
          + ", not a " + expected.getName());
    }
    return expected.cast(instance);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedClassFactory<?> other
        && className.equals(other.className)
        && expected.equals(other.expected);
  }

  @Override
  public int hashCode() {
    return className.hashCode() * 31 + expected.hashCode();
  }

  @Override
  public String toString() {
    return className;
  }
}
