package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** Dict values, one source feeding several targets, and a map -> reduce chain of several sources. */
class HandlerShapesTest {
    private QvarnMrHarness qvarn;

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start(
                TypeYaml.derived("report_types__map", false, "org", "report_type"),
                TypeYaml.derived("report_types", true, "types"),
                TypeYaml.derived("country_orgs__map", false),
                TypeYaml.derived("country_orgs", true, "_mr_value: 0"));
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    @Test
    void shouldStoreADictMapValueAsTheRowsFields() throws Exception {
        String bindings = """
                report_types__map:
                  reports:
                    type: map
                    version: 1
                    handler: {class: org.qvarnmr.camel.it.handlers.WholeResource}
                """;
        String a = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"rt1\"}");

        assertThat(qvarn.bindingsYaml(bindings).runWorker()).isZero();

        ObjectNode row = qvarn.derived("report_types__map").get(0);
        assertThat(row.get("_mr_key").asText()).isEqualTo("a");
        assertThat(row.get("_mr_source_id").asText()).isEqualTo(a);
        assertThat(row.get("org").asText()).isEqualTo("a");
        assertThat(row.get("report_type").asText()).isEqualTo("rt1");
        assertThat(row.get("_mr_value").isNull()).isTrue();
    }

    @Test
    void shouldFeedSeveralTargetsFromOneSource() throws Exception {
        String bindings = Bindings.README_BINDINGS + """
                country_orgs__map:
                  orgs: {type: map, version: 1, handler: {item: {key: country}}}
                country_orgs:
                  country_orgs__map: {type: reduce, version: 1, handler: count}
                """;
        String fi = qvarn.create("orgs", "{\"names\": [\"A\"], \"country\": \"FI\"}");
        qvarn.create("orgs", "{\"names\": [\"B\"], \"country\": \"FI\"}");
        qvarn.create("orgs", "{\"names\": [\"C\"], \"country\": \"SE\"}");

        assertThat(qvarn.bindingsYaml(bindings).runWorker()).isZero();

        Map<String, ObjectNode> byCountry = qvarn.derivedByKey("country_orgs");
        assertThat(byCountry.get("FI").get("_mr_value").asInt()).isEqualTo(2);
        assertThat(byCountry.get("SE").get("_mr_value").asInt()).isEqualTo(1);
        assertThat(qvarn.derivedByKey("company_reports")).containsKey(fi).hasSize(3);
    }

    @Test
    void shouldKeepKeysThatDifferOnlyInCaseApart() throws Exception {
        String bindings = """
                country_orgs__map:
                  orgs: {type: map, version: 1, handler: {item: {key: country}}}
                country_orgs:
                  country_orgs__map: {type: reduce, version: 1, handler: count}
                """;
        qvarn.create("orgs", "{\"names\": [\"A\"], \"country\": \"fi\"}");
        qvarn.create("orgs", "{\"names\": [\"B\"], \"country\": \"FI\"}");
        qvarn.create("orgs", "{\"names\": [\"C\"], \"country\": \"true\"}");

        assertThat(qvarn.bindingsYaml(bindings).runWorker()).isZero();

        Map<String, ObjectNode> byCountry = qvarn.derivedByKey("country_orgs");
        assertThat(byCountry).containsOnlyKeys("fi", "FI", "true");
        assertThat(byCountry.values()).allSatisfy(r -> assertThat(r.get("_mr_value").asInt()).isEqualTo(1));
    }
}
