package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The top-level fields an expression names, which every mapped resource must have. */
class FieldReferencesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "simple   | ${body[org]}                      | org",
        "simple   | ${body['org']}-${body[\"n\"]}     | org;n",
        "simple   | ${body.org}                       | org",
        "simple   | ${body[contacts][0]}              | contacts",
        "simple   | ${body.get('x')}                  | ''",
        "simple   | ${header.foo}                     | ''",
        "jsonpath | $.org                             | org",
        "jsonpath | $['org'].name                     | org",
        "jsonpath | $..name                           | ''",
        "jsonpath | $.*                               | ''",
        "groovy   | body.org                          | ''"})
    void shouldFindTheTopLevelFieldsAnExpressionReads(String language, String text, String fields) {
        assertThat(String.join(";", FieldReferences.of(language, text))).isEqualTo(fields);
    }
}
