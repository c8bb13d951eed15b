package dev.larder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Each file under config/bad holds one mistake; each must stop loading with file, line and key named. */
class MalformedFileTest {

  private static LarderConfigException rejected(String name) {
    URI uri = URI.create("classpath:config/bad/" + name);
    LarderConfigException e = catchThrowableOfType(LarderConfigException.class,
        () -> ConfigFile.load(uri, MalformedFileTest.class.getClassLoader()));
    assertThat(e).as("%s must be rejected", name).isNotNull();
    return e;
  }

  private static void assertNames(LarderConfigException e, String file, int line, String key) {
    assertThat(e.getFile()).isEqualTo("config/bad/" + file);
    assertThat(e.getLine()).isEqualTo(line);
    assertThat(e.getKey()).isEqualTo(key);
    String where = "config/bad/" + file + ":" + line + (key.isEmpty() ? ": " : ": " + key + ": ");
    assertThat(e.getMessage()).startsWith(where);
  }

  @Test
  void unknownKeyIsRejectedWithTheAllowedKeys() {
    LarderConfigException e = rejected("unknown-key.conf");

    assertNames(e, "unknown-key.conf", 4, "caches.users.polcy");
    assertThat(e.getMessage())
        .contains("unknown key; allowed: key-type, value-type, store-by-value")
        .contains("warm-up, ticker, executor")
        .contains("did you mean policy?");
  }

  @Test
  void valueOfTheWrongTypeIsRejected() {
    LarderConfigException e = rejected("wrong-type.conf");

    assertNames(e, "wrong-type.conf", 4, "defaults.statistics");
    assertThat(e.getMessage()).contains("expected true or false, got string \"maybe\"");
  }

  @Test
  void nullValueIsRejected() {
    LarderConfigException e = rejected("null-value.conf");

    assertNames(e, "null-value.conf", 4, "caches.users.statistics");
    assertThat(e.getMessage()).contains("expected true or false, got null");
  }

  @Test
  void badDurationIsRejectedWithTheUnitsAllowed() {
    LarderConfigException e = rejected("bad-duration.conf");

    assertNames(e, "bad-duration.conf", 5, "caches.sessions.expiry.access");
    assertThat(e.getMessage()).contains("expected a duration with a unit").contains("ns, us, ms, s, m, h, d");
  }

  @Test
  void durationWithoutAUnitIsRejected() {
    LarderConfigException e = rejected("bare-number-duration.conf");

    assertNames(e, "bare-number-duration.conf", 4, "caches.sessions.expiry.creation");
    assertThat(e.getMessage()).contains("a bare number is ambiguous");
  }

  @Test
  void unknownPolicyIsRejectedWithThePoliciesAllowed() {
    LarderConfigException e = rejected("unknown-policy.conf");

    assertNames(e, "unknown-policy.conf", 4, "templates.\"com.example.*\".policy");
    assertThat(e.getMessage())
        .contains("unknown value 'mru'; allowed: lru, lfu, fifo, random, arc, sieve, s3-fifo, w-tinylfu");
  }

  @Test
  void classThatCannotBeLoadedIsRejected() {
    LarderConfigException e = rejected("missing-class.conf");

    assertNames(e, "missing-class.conf", 5, "caches.users.loader");
    assertThat(e.getMessage()).contains("class com.example.NoSuchLoader cannot be loaded");
  }

  @Test
  void classOfTheWrongKindIsRejected() {
    LarderConfigException e = rejected("not-a-loader.conf");

    assertNames(e, "not-a-loader.conf", 4, "caches.users.loader");
    assertThat(e.getMessage()).contains("is not a javax.cache.integration.CacheLoader (nor a Factory of one)");
  }

  @Test
  void patternWithAReservedCharacterIsRejected() {
    LarderConfigException e = rejected("bad-pattern.conf");

    assertNames(e, "bad-pattern.conf", 4, "templates.\"com.[a-z]*\"");
    assertThat(e.getMessage()).contains("bad pattern: reserved character '['").contains("'*' (any run) and '?'");
  }

  @Test
  void patternWithoutAWildcardIsRejected() {
    LarderConfigException e = rejected("pattern-without-wildcard.conf");

    assertNames(e, "pattern-without-wildcard.conf", 3, "templates.\"com.example.User\"");
    assertThat(e.getMessage()).contains("belongs under 'caches'");
  }

  @Test
  void negativeSizeIsRejected() {
    LarderConfigException e = rejected("negative-size.conf");

    assertNames(e, "negative-size.conf", 3, "defaults.maximum-size");
    assertThat(e.getMessage()).contains("must be zero or more, was -5");
  }

  @Test
  void boundThatIsNeitherANumberNorUnboundedIsRejected() {
    LarderConfigException e = rejected("bad-bound-word.conf");

    assertNames(e, "bad-bound-word.conf", 3, "defaults.maximum-size");
    assertThat(e.getMessage()).contains("expected a whole number, or unbounded, got string \"lots\"");
  }

  @Test
  void expiryWordOtherThanEternalIsRejected() {
    LarderConfigException e = rejected("bad-expiry-word.conf");

    assertNames(e, "bad-expiry-word.conf", 3, "defaults.expiry");
    assertThat(e.getMessage())
        .contains("expected eternal or an object { ... } with any of creation, access, update, eternal, class")
        .contains("got string \"forever\"");
  }

  @Test
  void sizeAndWeightBoundsTogetherAreRejected() {
    LarderConfigException e = rejected("both-bounds.conf");

    assertNames(e, "both-bounds.conf", 5, "caches.images.maximum-weight");
    assertThat(e.getMessage()).contains("maximum-size and maximum-weight exclude each other");
  }

  @Test
  void weightBoundWithoutAWeigherIsRejected() {
    LarderConfigException e = rejected("weight-without-weigher.conf");

    assertNames(e, "weight-without-weigher.conf", 5, "caches.images.maximum-weight");
    assertThat(e.getMessage()).contains("maximum-weight needs a weigher");
  }

  @Test
  void unknownWriteModeIsRejected() {
    LarderConfigException e = rejected("bad-write-mode.conf");

    assertNames(e, "bad-write-mode.conf", 5, "caches.orders.write-mode");
    assertThat(e.getMessage()).contains("unknown value 'sideways'; allowed: through, around, behind");
  }

  @Test
  void unknownFsyncPolicyIsRejected() {
    LarderConfigException e = rejected("unknown-fsync-policy.conf");

    assertNames(e, "unknown-fsync-policy.conf", 7, "caches.orders.write-behind.fsync-policy");
    assertThat(e.getMessage()).contains("unknown value 'sometimes'; allowed: every-write, interval, never");
  }

  @Test
  void writeBehindValueOutOfRangeIsRejected() {
    LarderConfigException e = rejected("zero-batch-size.conf");

    assertNames(e, "zero-batch-size.conf", 5, "caches.orders.write-behind.batch-size");
    assertThat(e.getMessage()).contains("batch-size: must be positive, was 0");
  }

  @Test
  void serializerThatIsNotAJournalSerializerIsRejected() {
    LarderConfigException e = rejected("bad-serializer.conf");

    assertNames(e, "bad-serializer.conf", 5, "caches.orders.write-behind.serializer-class");
    assertThat(e.getMessage()).contains("class java.lang.String is not a dev.larder.integration.JournalSerializer")
        .doesNotContain("Factory");
  }

  @Test
  void writeBehindWithoutWriteThroughIsRejected() {
    LarderConfigException e = rejected("behind-without-write-through.conf");

    assertNames(e, "behind-without-write-through.conf", 5, "caches.orders.write-mode");
    assertThat(e.getMessage()).contains("write-mode behind takes effect only with write-through = true");
  }

  @Test
  void syntaxErrorIsRejectedWithItsLine() {
    LarderConfigException e = rejected("syntax-error.conf");

    assertNames(e, "syntax-error.conf", 5, "");
    assertThat(e.getMessage()).contains("syntax error");
  }

  @Test
  void unquotedDottedCacheNameIsRejectedWithAHint() {
    LarderConfigException e = rejected("unquoted-dotted-name.conf");

    assertNames(e, "unquoted-dotted-name.conf", 3, "caches.com.example");
    assertThat(e.getMessage()).contains("unknown key").contains("a cache name containing dots must be quoted");
  }

  @Test
  void unresolvedSubstitutionIsRejected() {
    LarderConfigException e = rejected("unresolved-substitution.conf");

    assertNames(e, "unresolved-substitution.conf", 4, "");
    assertThat(e.getMessage()).contains("Could not resolve substitution").contains("USERS_SIZE_NOT_SET_ANYWHERE");
  }

  @Test
  void namedCacheWarmedWithoutALoaderIsRejected() {
    LarderConfigException e = rejected("warm-up-without-loader.conf");

    assertNames(e, "warm-up-without-loader.conf", 4, "caches.users.warm-up.keys");
    assertThat(e.getMessage()).contains("warm-up needs a loader");
  }

  @Test
  void warmUpKeyThatDoesNotFitTheKeyTypeIsRejected() {
    LarderConfigException e = rejected("bad-warm-up-key.conf");

    assertNames(e, "bad-warm-up-key.conf", 6, "caches.counters.warm-up.keys[1]");
    assertThat(e.getMessage()).contains("warm-up key 'two' is not a valid java.lang.Long");
  }

  @Test
  void listenerWithoutAClassIsRejected() {
    LarderConfigException e = rejected("listener-without-class.conf");

    assertNames(e, "listener-without-class.conf", 4, "caches.users.listeners[0]");
    assertThat(e.getMessage()).contains("a listener needs class =");
  }

  @Test
  void fileWithoutTheLarderBlockIsRejected() {
    LarderConfigException e = rejected("missing-root.conf");

    assertNames(e, "missing-root.conf", 1, "larder");
    assertThat(e.getMessage()).contains("missing the larder { ... } block (found only caches)");
  }

  @Test
  void everyProblemOfAFileIsListed() {
    LarderConfigException e = rejected("two-problems.conf");

    assertNames(e, "two-problems.conf", 4, "caches.users.polcy");
    assertThat(e.getMessage().lines()).hasSize(2);
    assertThat(e.getMessage().lines().skip(1).findFirst()).hasValueSatisfying(second -> assertThat(second)
        .startsWith("config/bad/two-problems.conf:5: caches.users.maximum-size: expected a whole number"));
  }
}
