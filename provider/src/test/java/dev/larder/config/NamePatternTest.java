package dev.larder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Glob matching and the "most specific wins" order of template patterns. */
class NamePatternTest {

  @Test
  void starMatchesAnyRunIncludingDotsAndNothing() {
    NamePattern pattern = NamePattern.parse("com.example.*");

    assertThat(pattern.matches("com.example.User")).isTrue();
    assertThat(pattern.matches("com.example.User.roles")).isTrue();
    assertThat(pattern.matches("com.example.")).isTrue();
    assertThat(pattern.matches("com.examples.User")).isFalse();
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    NamePattern pattern = NamePattern.parse("cache-?");

    assertThat(pattern.matches("cache-1")).isTrue();
    assertThat(pattern.matches("cache-")).isFalse();
    assertThat(pattern.matches("cache-12")).isFalse();
  }

  @Test
  void regexCharactersAreLiteral() {
    NamePattern pattern = NamePattern.parse("a+b.(c)*");

    assertThat(pattern.matches("a+b.(c)x")).isTrue();
    assertThat(pattern.matches("aab.(c)x")).isFalse();
    assertThat(pattern.matches("a+bx(c)x")).isFalse();
  }

  @Test
  void moreLiteralCharactersWinThenFewerStarsThenStringOrder() {
    List<NamePattern> patterns = new ArrayList<>(List.of(
        NamePattern.parse("*"),
        NamePattern.parse("com.*"),
        NamePattern.parse("com.example.*"),
        NamePattern.parse("com.*.*"),
        NamePattern.parse("com.example.?ser"),
        NamePattern.parse("com.exampl?.*")));

    patterns.sort(NamePattern.MOST_SPECIFIC_FIRST);

    assertThat(patterns).extracting(NamePattern::glob).containsExactly(
        "com.example.?ser", "com.example.*", "com.exampl?.*", "com.*.*", "com.*", "*");
  }

  @Test
  void reservedCharactersEmptyPatternsAndPatternsWithoutWildcardsAreRefused() {
    assertThatThrownBy(() -> NamePattern.parse("com.{a,b}.*")).hasMessageContaining("reserved character '{'");
    assertThatThrownBy(() -> NamePattern.parse("")).hasMessageContaining("empty pattern");
    assertThatThrownBy(() -> NamePattern.parse("com.example.User")).hasMessageContaining("no '*' or '?'");
  }
}
