package dev.larder.jcache.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

class CopierTest {

  private final Copier byValue = Copier.forStoreByValue(true);
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void immutableJdkValuesAreSharedNotCopied() {
    List<Object> immutables = List.of("text", 42, 7L, 1.5d, true, 'c', BigInteger.TEN,
        TimeUnit.SECONDS, Instant.EPOCH, Duration.ofSeconds(3), ZoneId.of("Europe/Paris"));

    for (Object value : immutables) {
      assertThat(byValue.copy(value, loader)).as(value.getClass().getName()).isSameAs(value);
    }
  }

  @Test
  void mutableValuesAreDeepCopies() {
    List<List<String>> value = new ArrayList<>(List.of(new ArrayList<>(List.of("a"))));

    List<List<String>> copy = byValue.copy(value, loader);
    value.get(0).add("b");

    assertThat(copy).isNotSameAs(value).containsExactly(List.of("a"));
  }

  @Test
  void nonSerializableValueIsRejectedNamingItsType() {
    Object notSerializable = new Object() { };

    assertThatThrownBy(() -> byValue.copy(List.of(notSerializable), loader))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("Serializable");
  }

  @Test
  void storeByReferenceNeverCopies() {
    Copier byReference = Copier.forStoreByValue(false);
    List<String> value = new ArrayList<>();

    assertThat(byReference.copy(value, loader)).isSameAs(value);
    assertThat(byReference.isIdentity()).isTrue();
    assertThat(byValue.isIdentity()).isFalse();
  }

  /** A serializable base class with state of its own. */
  static class Base implements java.io.Serializable {
    String label = "base";
  }

  /** A subclass holding an array, a list and a second reference to one of its objects. */
  static final class Derived extends Base {
    int[] numbers = {1, 2, 3};
    List<Base> children = new ArrayList<>();
    Base favourite;
  }

  @Test
  void storedFormReadsBackAsADeepEqualCopyOfAnObjectGraph() {
    Derived original = new Derived();
    original.label = "root";
    Base child = new Base();
    child.label = "child";
    original.children.add(child);
    original.favourite = child;

    Object stored = byValue.toStored(original, getClass().getClassLoader());
    Derived first = byValue.fromStored(stored, getClass().getClassLoader());
    Derived second = byValue.fromStored(stored, getClass().getClassLoader());

    assertThat(first).isNotSameAs(original).isNotSameAs(second);
    assertThat(first.label).isEqualTo("root");
    assertThat(first.numbers).containsExactly(1, 2, 3).isNotSameAs(original.numbers);
    assertThat(first.children).hasSize(1);
    assertThat(first.children.get(0).label).isEqualTo("child");
    assertThat(first.favourite).isSameAs(first.children.get(0)).isNotSameAs(child);
  }

  @Test
  void changingAnObjectAfterStoringItDoesNotChangeTheStoredForm() {
    Derived original = new Derived();
    Object stored = byValue.toStored(original, getClass().getClassLoader());

    original.label = "changed";
    original.numbers[0] = 42;

    Derived read = byValue.fromStored(stored, getClass().getClassLoader());
    assertThat(read.label).isEqualTo("base");
    assertThat(read.numbers).containsExactly(1, 2, 3);
  }

  @Test
  void immutableValuesAreStoredAsThemselves() {
    assertThat(byValue.toStored("text", null)).isSameAs("text");
    assertThat(byValue.<Object>fromStored(TimeUnit.SECONDS, null)).isSameAs(TimeUnit.SECONDS);
  }
}
