package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.HostileRule;
import org.qvarnmr.camel.support.Listeners;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.QvarnMr;

/** The management server of a forever-mode worker: health check and Prometheus metrics over HTTP. */
class ManagementTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QvarnMrHarness qvarn;
    private int port;

    @AfterEach
    void stop() {
        qvarn.close();
    }

    private QvarnMrHarness.RunningWorker worker(String... extra) throws Exception {
        String[] settings = new String[extra.length + 2];
        settings[0] = "qvarnmr.management.enabled=auto"; // on in -f mode
        settings[1] = "qvarnmr.management.port=0"; // the server binds a free port and reports it
        System.arraycopy(extra, 0, settings, 2, extra.length);
        QvarnMrHarness.RunningWorker running = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(settings);
        await().atMost(Duration.ofSeconds(60)).until(() -> running.runtime().managementPort().isPresent());
        port = running.runtime().managementPort().getAsInt();
        assertThat(qvarn.lastOutput()).contains("management server listening on http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get("/observe/health").statusCode() == 200);
        return running;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics() throws Exception {
        HttpResponse<String> answer = get("/observe/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** The value of the first sample whose name and labels start with {@code series}. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^ \\n]* ([-+0-9.eENaInf]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    @Test
    void shouldServeHealthAndMetricsThatMoveWithTheWork() throws Exception {
        qvarn = TestQvarn.start();
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        try (var worker = worker()) {
            HttpResponse<String> health = get("/observe/health?exposureLevel=full");
            assertThat(health.body()).contains("\"qvarnmr-worker\"").contains("UP");
            assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);

            qvarn.create("reports", "{\"org\": \"" + a + "\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> value(metrics(), "qvarnmr_changes_processed_total") >= 1);
            double processed = value(metrics(), "qvarnmr_changes_processed_total");

            qvarn.create("reports", "{\"org\": \"" + a + "\"}");
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> value(metrics(), "qvarnmr_changes_processed_total") >= processed + 1);

            String m = metrics();
            assertThat(value(m, "qvarnmr_owner")).isEqualTo(1);
            assertThat(value(m, "qvarnmr_changes_failed_total")).isZero();
            assertThat(value(m, "qvarnmr_dead_letters_total")).isZero();
            assertThat(value(m, "qvarnmr_keys_reduced_total")).isPositive();
            assertThat(value(m, "qvarnmr_notifications_pending{listener=\"reports\"")).isNotNaN();
            assertThat(value(m, "qvarnmr_notifications_pending{listener=\"orgs\"")).isNotNaN();
            assertThat(value(m, "qvarnmr_last_poll_age_seconds")).isBetween(0.0, 10.0);
            assertThat(value(m, "qvarnmr_resync_handlers_pending")).isZero();
            assertThat(value(m, "qvarnmr_resync_resources_done")).isNotNaN();
            assertThat(value(m, "qvarnmr_derived_writes_total{operation=\"create\",type=\"reports_counts\"")).isEqualTo(1);
            assertThat(value(m, "qvarnmr_derived_writes_total{operation=\"update\",type=\"reports_counts\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(m, "qvarnmr_qvarn_requests_seconds_count{route=\"GET /reports/listeners/{lid}/notifications\",status=\"200\""))
                    .isPositive();
            assertThat(m).contains("route=\"POST /reports_counts\"").contains("route=\"PUT /reports_counts/{id}\"");
            assertThat(m).as("Camel's own route metrics are there too").contains("camel_exchanges_total");
        }
    }

    @Test
    void shouldBeDownWhileQvarnCannotBePolled() throws Exception {
        qvarn = TestQvarn.start();
        try (var worker = worker("qvarnmr.health.max-poll-age=1")) {
            qvarn.server().faults().failRandomly(1.0, 1, 503);

            await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health").statusCode() == 503);
            assertThat(get("/observe/health").body()).contains("no successful poll of Qvarn");
            assertThat(value(metrics(), "qvarnmr_last_poll_age_seconds")).isGreaterThan(1);
            assertThat(get("/observe/health/live").statusCode()).as("alive all the same").isEqualTo(200);

            qvarn.server().faults().clear();
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health").statusCode() == 200);
        }
    }

    @Test
    void shouldBeDeadWhileAPassIsStuckAndAliveAgainOnceItEnds() throws Exception {
        qvarn = TestQvarn.start();
        HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
        // The stuck request outlives the test: only the liveness check can tell the worker is stuck.
        try (hostile; var worker = worker("qvarn.base-url=" + hostile.url(), "qvarn.response-timeout=10m",
                "qvarnmr.health.max-pass-age=2")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health/live").statusCode() == 200);
            HostileRule hang = hostile.on("GET", "/reports/listeners/*/notifications").hang();

            await().atMost(Duration.ofSeconds(60)).until(() -> get("/observe/health/live").statusCode() == 503);
            assertThat(hang.active()).as("the poll is the one waiting").isEqualTo(1);
            assertThat(get("/observe/health/live?exposureLevel=full").body()).contains("qvarnmr-passes",
                    "no pass has begun for", "qvarnmr.health.max-pass-age");

            hostile.close(); // the stuck request fails; passes begin again, failing at once while Qvarn is gone
            await().atMost(Duration.ofSeconds(60)).until(() -> get("/observe/health/live").statusCode() == 200);
        }
    }

    @Test
    void shouldBeDownOnceAnotherWorkerOwnsTheInstance() throws Exception {
        qvarn = TestQvarn.start();
        CamelContext camel = new DefaultCamelContext();
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(Bindings.README_BINDINGS, "h.yaml");
        QvarnMr.builder(bindings, qvarn.settings(bindings, "qvarnmr.keep-alive-update-interval=100ms")).build()
                .addTo(camel);
        camel.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> workerCheck(camel) == HealthCheck.State.UP);
            Listeners.takeOver(qvarn, "thief/2");

            await().atMost(Duration.ofSeconds(10)).until(() -> workerCheck(camel) == HealthCheck.State.DOWN);
            assertThat(HealthCheckHelper.invoke(camel).stream().filter(r -> r.getCheck().getId().equals("qvarnmr-worker"))
                    .findFirst().orElseThrow().getMessage()).hasValueSatisfying(msg -> assertThat(msg).contains("thief/2"));
        } finally {
            camel.stop();
        }
    }

    private static HealthCheck.State workerCheck(CamelContext camel) {
        return HealthCheckHelper.invoke(camel).stream().filter(r -> r.getCheck().getId().equals("qvarnmr-worker"))
                .findFirst().map(HealthCheck.Result::getState).orElse(null);
    }

    @Test
    void shouldNeverShowTheClientSecretOrTokens() throws Exception {
        String secret = "s3cr3t-Value-4711";
        qvarn = TestQvarn.builder().auth("mr-worker", secret).start();
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        try (var worker = worker("qvarn.client-id=mr-worker", "qvarn.client-secret=" + secret)) {
            qvarn.create("reports", "{\"org\": \"" + a + "\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 1);

            String m = metrics();
            String health = get("/observe/health?exposureLevel=full").body();
            assertThat(value(m, "qvarnmr_qvarn_requests_seconds_count{route=\"POST /auth/token\",status=\"200\""))
                    .isPositive();
            for (String text : new String[] {m, health}) {
                assertThat(text).doesNotContain(secret).doesNotContainIgnoringCase("bearer").doesNotContain("eyJ");
            }
        }
    }
}
