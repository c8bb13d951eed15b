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
}
