package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each 0.82 operator on string and integer fields; the third resource has only nulls. */
class SearchOperatorTest {
    private EmbeddedQvarn qvarn;
    private QvarnHttp http;
    private String alpha;
    private String beta;
    private String empty;

    @BeforeEach
    void start() {
        qvarn = Fixtures.startThings();
        http = new QvarnHttp(qvarn.baseUrl());
        alpha = http.post("/things", "{\"name\": \"Alpha\", \"country\": \"FI\", \"employees\": 5}").id();
        beta = http.post("/things", "{\"name\": \"Beta\", \"country\": \"SE\", \"employees\": 10}").id();
        empty = http.post("/things", "{}").id();
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    private String names(String criteria) {
        Reply reply = http.get("/things/search/" + criteria);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return String.join(",", reply.ids().stream()
                .map(id -> id.equals(alpha) ? "alpha" : id.equals(beta) ? "beta" : id.equals(empty) ? "empty" : id)
                .sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exact/country/FI      | alpha",
        "ne/country/FI         | beta",
        "gt/country/fi         | beta",
        "ge/country/fi         | alpha,beta",
        "lt/country/se         | alpha",
        "le/country/se         | alpha,beta",
        "startswith/name/al    | alpha",
        "contains/name/ET      | beta",
        "exact/employees/5     | alpha",
        "ne/employees/5        | beta",
        "gt/employees/5        | beta",
        "ge/employees/5        | alpha,beta",
        "lt/employees/10       | alpha",
        "le/employees/10       | alpha,beta",
        "startswith/employees/1 | beta",
        "contains/employees/0  | beta",
    })
    void shouldApplyTheOperator(String criteria, String expected) {
        assertThat(names(criteria.strip())).isEqualTo(expected.strip());
    }

    @Test
    void shouldCompareStringsLowerCased() {
        assertThat(names("gt/name/alpha")).isEqualTo("beta");
    }

    @ParameterizedTest
    @ValueSource(strings = {"any/exact/name/[\"a\"]", "rsort/name", "equals/name/a", "show_none"})
    void shouldAnswerBadSearchConditionForWordsThatAreNotIn082(String criteria) {
        Reply reply = http.get("/things/search/" + criteria.replace("\"", "%22").replace("[", "%5B").replace("]", "%5D"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadSearchCondition");
    }
}
