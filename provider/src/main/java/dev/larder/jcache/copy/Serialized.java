package dev.larder.jcache.copy;

/**
 * A value held by a store-by-value cache in its serialized form: storing it serializes once, and each
 * read deserializes a fresh copy, which is all the isolation store-by-value needs at half the cost of
 * holding an object and copying it on every read.
 *
 * <p>Thread-safety: immutable; the bytes are never changed after construction and never handed out.
 */
final class Serialized {

  private final byte[] bytes;

  Serialized(byte[] bytes) {
    this.bytes = bytes;
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "Serialized[" + bytes.length + " bytes]";
  }
}
