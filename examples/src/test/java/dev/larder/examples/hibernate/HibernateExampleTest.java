package dev.larder.examples.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HibernateExampleTest {

  @Test
  void exampleServesReadsFromLarderAndSavesStatements() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    HibernateExample.Result result = HibernateExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(result.hits()).isPositive();
    assertThat(result.statementsSaved()).isPositive();
    assertThat(result.statementsWithCache()).isLessThan(result.statementsWithoutCache());
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(result.hits() + " hits")
        .contains(result.statementsSaved() + " saved");
  }
}
