package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.WorkerProcess;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** Two workers as two processes (the shaded jar), different instances with disjoint handlers, one Qvarn. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class ScaleOutIT {
    static final String JOINS = Bindings.JOIN_BINDINGS;
    static final String COUNTS = Bindings.COUNT_BINDINGS;

    private QvarnMrHarness qvarn;

    /**
     * Settings of a worker process (beside qvarn.base-url, which WorkerProcess writes); its management server
     * binds a free port, read with {@link WorkerProcess#managementPort}.
     */
    static String[] settings(String instance, String... more) {
        List<String> s = new java.util.ArrayList<>(List.of("qvarnmr.instance=" + instance,
                "qvarnmr.poll-interval=100ms", "qvarnmr.retry.delay=100ms", "qvarnmr.management.port=0"));
        s.addAll(List.of(more));
        return s.toArray(String[]::new);
    }

    static WorkerProcess worker(Path dir, String bindings, QvarnMrHarness qvarn, String... settings) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        return WorkerProcess.start(dir, bindings, qvarn.server().baseUrl().toString(), true, settings);
    }

    static int health(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/observe/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private List<String> owners(String instance) {
        return qvarn.derived("qvarnmr_listeners").stream().filter(r -> instance.equals(r.get("instance").asText()))
                .map(r -> r.get("owner").isNull() ? null : r.get("owner").asText()).toList();
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    private String joinedReport(String org) {
        var row = qvarn.derivedByKey("company_reports").get(org);
        return row == null || row.get("report_id") == null || row.get("report_id").isNull() ? null
                : row.get("report_id").asText();
    }

    @Test
    void shouldConvergeWithTwoWorkersOnDisjointHandlers(@TempDir Path dir) throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        String b = qvarn.create("orgs", "{\"names\": [\"B\"]}");
        String a1 = qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        String b1 = qvarn.create("reports", "{\"org\": \"" + b + "\"}");

        try (WorkerProcess joins = worker(dir.resolve("joins"), JOINS, qvarn, settings("joins"));
             WorkerProcess counts = worker(dir.resolve("counts"), COUNTS, qvarn, settings("counts"))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> count(a) == 2 && count(b) == 1
                    && joinedReport(b) != null && joinedReport(b).equals(b1));
            // Live changes while both run: each worker follows its own part.
            String c = qvarn.create("orgs", "{\"names\": [\"C\"]}");
            String c1 = qvarn.create("reports", "{\"org\": \"" + c + "\"}");
            qvarn.delete("reports", a1);

            await().atMost(Duration.ofSeconds(60)).until(() -> count(a) == 1 && count(c) == 1
                    && c1.equals(joinedReport(c)) && joinedReport(a) != null && !a1.equals(joinedReport(a)));
            assertThat(owners("joins")).hasSize(2).allSatisfy(o -> assertThat(o).contains("/" + joins.pid() + "/"));
            assertThat(owners("counts")).hasSize(1).allSatisfy(o -> assertThat(o).contains("/" + counts.pid() + "/"));
            assertThat(health(joins.managementPort(Duration.ofSeconds(30)))).isEqualTo(200);
            assertThat(health(counts.managementPort(Duration.ofSeconds(30)))).isEqualTo(200);
            assertThat(qvarn.derived("qvarnmr_handlers")).as("each instance records its own handlers").hasSize(3 + 2);

            joins.terminate();
            counts.terminate();
            assertThat(owners("joins")).as("released on SIGTERM").containsOnlyNulls();
            assertThat(owners("counts")).as("released on SIGTERM").containsOnlyNulls();
            assertThat(joins.output() + counts.output()).doesNotContain("ERROR");
        }
    }
}
