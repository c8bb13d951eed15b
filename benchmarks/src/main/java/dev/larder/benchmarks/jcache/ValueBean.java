package dev.larder.benchmarks.jcache;

import java.io.Serializable;
import java.util.Objects;

/**
 * The cached value of the JCache benchmarks: a small mutable, serializable bean, so that a
 * store-by-value cache really copies it (every provider skips copying immutable JDK types such as
 * {@code Integer} and {@code String}).
 *
 * <p>Thread-safety: not thread-safe; the benchmarks never mutate a bean after it is created.
 */
public final class ValueBean implements Serializable {

  private static final long serialVersionUID = 1L;

  private int id;
  private String name;
  private long version;

  public ValueBean() {}

  public ValueBean(int id, String name, long version) {
    this.id = id;
    this.name = name;
    this.version = version;
  }

  public int getId() {
    return id;
  }

  public void setId(int id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueBean other && id == other.id && version == other.version
        && Objects.equals(name, other.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, version);
  }
}
