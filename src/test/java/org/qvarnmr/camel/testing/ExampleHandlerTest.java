package org.qvarnmr.camel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QvarnMrTest(resourceTypes = "config/resource-types", bindings = "config/handlers.yaml")
class ExampleHandlerTest {

    @Test
    void shouldCountReportsPerOrg(QvarnMrHarness qvarn) throws Exception {
        String acme = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        qvarn.create("reports", "{\"org\": \"" + acme + "\", \"report_type\": \"bolagsfakta\"}");
        qvarn.create("reports", "{\"org\": \"" + acme + "\", \"report_type\": \"bolagsfakta\"}");

        assertEquals(0, qvarn.runWorker());

        Map<String, ObjectNode> counts = qvarn.derivedByKey("reports_counts");
        assertEquals(2, counts.get(acme).get("_mr_value").asInt());
    }

    @Test
    void shouldJoinOrgAndReport(QvarnMrHarness qvarn) throws Exception {
        String acme = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        String report = qvarn.create("reports", "{\"org\": \"" + acme + "\", \"report_type\": \"bolagsfakta\"}");

        assertEquals(0, qvarn.runWorker());

        ObjectNode joined = qvarn.derivedByKey("company_reports").get(acme);
        assertEquals(acme, joined.get("org_id").asText());
        assertEquals(report, joined.get("report_id").asText());
    }

    @Test
    void shouldFollowADeletedReport(QvarnMrHarness qvarn) throws Exception {
        String acme = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        String report = qvarn.create("reports", "{\"org\": \"" + acme + "\", \"report_type\": \"bolagsfakta\"}");
        assertEquals(0, qvarn.runWorker());

        qvarn.delete("reports", report);
        assertEquals(0, qvarn.runWorker());

        assertFalse(qvarn.derivedByKey("reports_counts").containsKey(acme));
    }
}
