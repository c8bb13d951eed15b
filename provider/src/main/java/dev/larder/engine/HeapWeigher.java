package dev.larder.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * A {@link Weigher} that estimates the heap bytes an entry retains, for caches bounded by memory
 * ({@code maximumWeight} in bytes).
 *
 * <p>The estimate assumes a 64-bit HotSpot JVM with compressed references (12-byte object headers,
 * 4-byte references, 8-byte alignment), the default below 32 GB of heap. It counts a fixed
 * {@link #ENTRY_OVERHEAD} for the store's own node and map entry, plus the key and the value:
 * <ul>
 *   <li>{@link String}: the object plus its byte array (one byte per character when every character
 *   is Latin-1, two otherwise);
 *   <li>boxed primitives, {@link BigInteger} and {@link BigDecimal}: their object layout;
 *   <li>primitive arrays: header plus elements; object arrays: header plus references plus the
 *   estimate of each element (elements of nested containers are counted once, to a depth of 3);
 *   <li>collections and maps: a rough 32 bytes of structure per element plus the elements;
 *   <li>anything else (the documented rough fallback): the shallow size of the object computed from
 *   its declared instance fields, without following references. Objects that mostly hold other objects
 *   are underestimated; give such values a weigher of their own.
 * </ul>
 * Shared objects (interned strings, cached small integers) are counted as if owned by the entry. The
 * result is clamped to {@link Integer#MAX_VALUE}.
 *
 * <p>Thread-safety: stateless apart from a thread-safe per-class cache of shallow sizes.
 */
public final class HeapWeigher<K, V> implements Weigher<K, V> {

  /** Bytes charged per entry for the store's node, the map's node and the map's table slot. */
  public static final int ENTRY_OVERHEAD = 72;

  private static final int HEADER = 12;
  private static final int ARRAY_HEADER = 16;
  private static final int REFERENCE = 4;
  private static final int MAX_DEPTH = 3;

  private static final ClassValue<Long> SHALLOW_SIZE = new ClassValue<>() {
    @Override
    protected Long computeValue(Class<?> type) {
      long size = HEADER;
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            size += fieldSize(field.getType());
          }
        }
      }
      return align(size);
    }
  };

  /** Creates the weigher. */
  public HeapWeigher() {}

  @Override
  public int weigh(K key, V value) {
    long bytes = ENTRY_OVERHEAD + estimate(key, 0) + estimate(value, 0);
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  /** Returns the estimated retained size of {@code object} in bytes (0 for {@code null}). */
  public static long estimate(Object object) {
    return estimate(object, 0);
  }

  private static long estimate(Object object, int depth) {
    if (object == null) {
      return 0;
    }
    if (object instanceof String) {
      String string = (String) object;
      return 24 + align(ARRAY_HEADER + (long) string.length() * (isLatin1(string) ? 1 : 2));
    }
    if (object instanceof Integer || object instanceof Float || object instanceof Short
        || object instanceof Byte || object instanceof Character || object instanceof Boolean) {
      return 16;
    }
    if (object instanceof Long || object instanceof Double) {
      return 24;
    }
    if (object instanceof BigInteger) {
      return 40 + align(ARRAY_HEADER + 4L * ((((BigInteger) object).bitLength() + 31) / 32));
    }
    if (object instanceof BigDecimal) {
      BigDecimal decimal = (BigDecimal) object;
      return 40 + (decimal.unscaledValue().bitLength() > 63 ? estimate(decimal.unscaledValue(), depth) : 0);
    }
    Class<?> type = object.getClass();
    if (type.isArray()) {
      return arraySize(object, type.getComponentType(), depth);
    }
    if (depth < MAX_DEPTH && object instanceof Collection) {
      long size = 48;
      for (Object element : (Collection<?>) object) {
        size += 32 + estimate(element, depth + 1);
      }
      return size;
    }
    if (depth < MAX_DEPTH && object instanceof Map) {
      long size = 64;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) object).entrySet()) {
        size += 32 + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
      }
      return size;
    }
    return SHALLOW_SIZE.get(type);
  }

  private static long arraySize(Object array, Class<?> component, int depth) {
    int length = java.lang.reflect.Array.getLength(array);
    if (component.isPrimitive()) {
      return align(ARRAY_HEADER + (long) length * fieldSize(component));
    }
    long size = align(ARRAY_HEADER + (long) length * REFERENCE);
    if (depth < MAX_DEPTH) {
      Object[] elements = (Object[]) array;
      for (Object element : elements) {
        size += estimate(element, depth + 1);
      }
    }
    return size;
  }

  private static boolean isLatin1(String string) {
    for (int i = 0; i < string.length(); i++) {
      if (string.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static int fieldSize(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    }
    if (type == int.class || type == float.class) {
      return 4;
    }
    if (type == short.class || type == char.class) {
      return 2;
    }
    if (type == byte.class || type == boolean.class) {
      return 1;
    }
    return REFERENCE;
  }

  private static long align(long size) {
    return (size + 7) & ~7L;
  }
}
