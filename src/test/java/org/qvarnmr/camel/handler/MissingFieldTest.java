package org.qvarnmr.camel.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingException;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.binding.HandlerResolver;

/**
 * Never silently wrong: a field a binding reads that the resource or map row does not have is an error
 * naming the binding, the field, the resource and the fields it has; a null field is a value. The case
 * that used to write {@code _mr_value: 0}: README's {@code sum} with {@code map: value(amount)} over rows
 * made by {@code item(org, amount)}.
 */
class MissingFieldTest {
    private static final String INVOICES = Bindings.INVOICES_TYPE;
    private static final String TOTALS = TypeYaml.derived("invoice_totals", true, "_mr_value: 0");
    private static final String TOTALS_MAP = TypeYaml.derived("invoice_totals__map", false, "_mr_value: 0");

    @Test
    void shouldRefuseValueOfAFieldThatItemMapRowsNeverHave() {
        String bindings = """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: "item(org, amount)"}
                invoice_totals:
                  invoice_totals__map: {type: reduce, version: 1, handler: sum, map: value(amount)}
                """;
        assertThatThrownBy(() -> new BindingsLoader(HandlerResolver.NONE).parse(bindings, "handlers.yaml"))
                .isInstanceOf(BindingException.class)
                .hasMessageContaining("handlers.yaml:4: target 'invoice_totals', source 'invoice_totals__map': "
                        + "map: value(amount) reads field 'amount' of the map rows, but the map rows of "
                        + "'invoice_totals__map' never have it: item(key=org, value=amount) (line 2) store their "
                        + "value in _mr_value; write map: value (or leave map: out) to reduce that value");
    }

    @Test
    void shouldSumTheAmountsWithMapValue() throws Exception {
        String bindings = """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: "item(org, amount)"}
                invoice_totals:
                  invoice_totals__map: {type: reduce, version: 1, handler: sum, map: value}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start(INVOICES, TOTALS, TOTALS_MAP)) {
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 7}");
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": null}");

            assertThat(qvarn.bindingsYaml(bindings).runWorker()).isZero();

            assertThat(qvarn.derivedByKey("invoice_totals").get("acme").get("_mr_value").asInt()).isEqualTo(12);
        }
    }

    @Test
    void shouldDeadLetterAnItemFieldTheResourceDoesNotHaveNamingBindingFieldAndResource() throws Exception {
        String bindings = """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: "item(org, amuont)"}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start(INVOICES, TOTALS_MAP)) {
            qvarn.bindingsYaml(bindings).runWorker();
            String invoice = qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");

            qvarn.bindingsYaml(bindings).runWorker("qvarnmr.retry.max-attempts=1");

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> assertThat(letter.get("error").asText())
                    .isEqualTo("test-handlers.yaml:2: map handler item(key=org, value=amuont) for target "
                            + "'invoice_totals__map', source 'invoices' failed on resource " + invoice + ": field "
                            + "'amuont' is not in resource " + invoice + " of invoices; it has: amount, id, org, "
                            + "revision, type"));
            assertThat(qvarn.derived("invoice_totals__map")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAJoinFieldTheSourceDoesNotHave() throws Exception {
        String bindings = """
                company_reports__map:
                  orgs:    {type: map, version: 1, handler: {item: {key: id}}}
                company_reports:
                  company_reports__map:
                    type: reduce
                    version: 1
                    handler: {join: {org: {idd: org_id}}}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            qvarn.bindingsYaml(bindings).runWorker();
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");

            qvarn.bindingsYaml(bindings).runWorker("qvarnmr.retry.max-attempts=1");

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> assertThat(letter.get("error").asText())
                    .contains("test-handlers.yaml:4: reduce handler join({org: {idd: org_id}}) for target "
                            + "'company_reports', source 'company_reports__map' failed on key '" + org + "'",
                            "field 'idd' is not in source resource " + org + " of orgs; it has: ", "country, ",
                            "the join lists it under type name 'org'"));
            assertThat(qvarn.derived("company_reports")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAnExpressionFieldTheResourceDoesNotHave() throws Exception {
        String bindings = """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: {expression: {language: simple, key: "${body[orgg]}"}}}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start(INVOICES, TOTALS_MAP)) {
            qvarn.bindingsYaml(bindings).runWorker();
            String invoice = qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");

            qvarn.bindingsYaml(bindings).runWorker("qvarnmr.retry.max-attempts=1");

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> assertThat(letter.get("error").asText())
                    .contains("test-handlers.yaml:2: map handler", "field 'orgg' is not in resource " + invoice));
        }
    }

    @Test
    void shouldTreatANullFieldAsAValue() throws Exception {
        String bindings = """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: "item(org, amount)"}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start(INVOICES, TOTALS_MAP)) {
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": null}");

            assertThat(qvarn.bindingsYaml(bindings).runWorker()).isZero();

            ObjectNode row = qvarn.derivedByKey("invoice_totals__map").get("acme");
            assertThat(row.get("_mr_value").isNull()).isTrue();
            assertThat(qvarn.deadLetters()).isEmpty();
        }
    }

    @Test
    void shouldNameTheFieldQvarnRefusedInTheDeadLetter() throws Exception {
        String bindings = """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: "item(org, amount)"}
                """;
        String textValue = TypeYaml.derived("invoice_totals__map", false); // _mr_value: '' (text)
        try (QvarnMrHarness qvarn = TestQvarn.start(INVOICES, textValue)) {
            qvarn.bindingsYaml(bindings).runWorker();
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");

            qvarn.bindingsYaml(bindings).runWorker("qvarnmr.retry.max-attempts=1");

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> assertThat(letter.get("error").asText())
                    .contains("400 WrongTypeValue: field _mr_value must be str, got int"));
        }
    }
}
