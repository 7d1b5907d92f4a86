package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * Bad input at start-up, through the command line: each mistake gets one clear message on stderr that
 * names what is wrong and where, the documented exit code, and nothing is written to Qvarn.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class StartupFailuresTest {
    private static final String SECRET = "startup-secret-5f1e";

    @TempDir
    Path dir;
    private QvarnMrHarness qvarn;

    private Map<String, String> settings(EmbeddedQvarn server) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("qvarn.base-url", server.baseUrl().toString());
        s.put("qvarnmr.instance", "startup");
        s.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
        return s;
    }

    private Cli.Result worker(String bindings, Map<String, String> settings) throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), bindings);
        return Cli.run(handlers.toString(), "-c", Cli.properties(dir, settings).toString());
    }

    private void assertInvalid(Cli.Result result, String... expected) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).as(result.toString()).contains(expected).doesNotContain("\tat ");
        assertThat(qvarn.server().stats().total()).as("nothing was sent to Qvarn").isZero();
    }

    @Test
    void shouldNameFileAndLineOfMalformedYaml() throws Exception {
        assertInvalid(worker("a__map:\n  orgs: {type: map, version: 1\n  reports: x\n", settings(qvarn.server())),
                "handlers.yaml:", "malformed YAML");
    }

    @Test
    void shouldNameAnUnknownBuiltIn() throws Exception {
        assertInvalid(worker(Bindings.README_BINDINGS.replace("handler: count", "handler: cont"),
                settings(qvarn.server())), "handlers.yaml:15: target 'reports_counts', "
                + "source 'reports_counts__map': unknown built-in 'cont'");
    }

    @Test
    void shouldNameMissingUnknownAndWronglyTypedFields() throws Exception {
        assertInvalid(worker("""
                reports_counts__map:
                  reports: {type: map, handler: item(org), extra: 1}
                reports_counts:
                  reports_counts__map: {type: reduce, version: "1", handler: count}
                """, settings(qvarn.server())),
                "handlers.yaml:2: target 'reports_counts__map', source 'reports': missing required field 'version'",
                "unknown field 'extra'",
                "handlers.yaml:4: target 'reports_counts', source 'reports_counts__map': version must be a positive "
                        + "integer or 'auto'");
    }

    @Test
    void shouldNameAnUnknownClassAndAClassOfTheWrongKind() throws Exception {
        assertInvalid(worker("""
                reports_counts__map:
                  reports: {type: map, version: 1, handler: {class: com.example.Missing}}
                reports_counts:
                  reports_counts__map: {type: reduce, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.FailOnBoom}}
                """, settings(qvarn.server())),
                "class 'com.example.Missing' was not found on the classpath",
                "class 'org.qvarnmr.camel.it.handlers.FailOnBoom' does not implement "
                        + "org.qvarnmr.camel.handler.ReduceHandler");
    }

    @Test
    void shouldNameInvalidConfigurationValues() throws Exception {
        Map<String, String> s = settings(qvarn.server());
        s.put("qvarnmr.batch-size", "0");
        assertInvalid(worker(Bindings.README_BINDINGS, s),
                "invalid value '0' for qvarnmr.batch-size (" + dir.resolve("app.properties") + ":", // its line
                "): expected a positive whole number",
                "a positive whole number");

        s = settings(qvarn.server());
        s.put("qvarnmr.keep-alive-timeout", "soon");
        assertInvalid(worker(Bindings.README_BINDINGS, s), "invalid value 'soon' for qvarnmr.keep-alive-timeout");

        s = settings(qvarn.server());
        s.remove("qvarn.base-url");
        assertInvalid(worker(Bindings.README_BINDINGS, s), "missing setting qvarn.base-url");

        s = settings(qvarn.server());
        s.put("qvarnmr.pol-interval", "1");
        assertInvalid(worker(Bindings.README_BINDINGS, s), "unknown setting qvarnmr.pol-interval ("
                + dir.resolve("app.properties") + ":", "); did you mean qvarnmr.poll-interval?");
    }

    @Test
    void shouldNameDerivedTypesThatQvarnDoesNotHave() throws Exception {
        Cli.Result result = worker(Bindings.README_BINDINGS + """
                org_sizes__map:
                  orgs: {type: map, version: 1, handler: item(country)}
                org_sizes:
                  org_sizes__map: {type: reduce, version: 1, handler: count}
                """, settings(qvarn.server()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains("has no resource type at these paths:",
                "/org_sizes__map: map target of source 'orgs'; source of reduce target 'org_sizes'",
                "/org_sizes: reduce target of source 'org_sizes__map'").doesNotContain("/orgs:", "\tat ");
        assertThat(qvarn.derived("qvarnmr_listeners")).as("no listener was created").isEmpty();
    }

    @Test
    void shouldNameScopesTheConfigurationLeavesOut() throws Exception {
        try (EmbeddedQvarn server = authServer()) {
            Map<String, String> s = settings(server);
            s.put("qvarn.client-id", "worker");
            s.put("qvarn.client-secret", SECRET);
            s.put("qvarn.scope", "uapi_orgs_get, uapi_reports_get");
            Cli.Result result = worker(Bindings.README_BINDINGS, s);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
            assertThat(result.err()).contains("qvarn.scope lacks", "uapi_reports_counts_post",
                    "uapi_reports_listeners_id_notifications_id_delete", "leave it empty").doesNotContain(SECRET);
        }
    }

    @Test
    void shouldNameScopesQvarnRefuses() throws Exception {
        try (EmbeddedQvarn server = authServer()) {
            // A token service that says it granted everything but issues a token without reports_counts scopes.
            HttpServer tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            tokens.createContext("/token", exchange -> {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String requested = URLDecoder.decode(form.replaceAll(".*scope=", ""), StandardCharsets.UTF_8);
                List<String> granted = Arrays.stream(requested.split(" "))
                        .filter(scope -> !scope.startsWith("uapi_reports_counts_")).toList();
                byte[] answer = ("{\"access_token\": \"" + server.issueToken(granted) + "\", \"token_type\": \"bearer\","
                        + " \"expires_in\": 3600, \"scope\": \"" + requested + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            tokens.start();
            try {
                Map<String, String> s = settings(server);
                s.put("qvarn.client-id", "worker");
                s.put("qvarn.client-secret", SECRET);
                s.put("qvarn.token-url", "http://127.0.0.1:" + tokens.getAddress().getPort() + "/token");
                Cli.Result result = worker(Bindings.README_BINDINGS, s);

                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
                assertThat(result.err()).contains("Qvarn refused the worker's token for want of these scopes: "
                        + "uapi_reports_counts__map_search_id_get, uapi_reports_counts_search_id_get",
                        "client 'worker'").doesNotContain(SECRET, "\tat ");
            } finally {
                tokens.stop(0);
            }
        }
    }

    @Test
    void shouldExitThreeWhenTheSecretIsWrong() throws Exception {
        try (EmbeddedQvarn server = authServer()) {
            Map<String, String> s = settings(server);
            s.put("qvarn.client-id", "worker");
            s.put("qvarn.client-secret", "not-the-secret-7d2a");
            Cli.Result result = worker(Bindings.README_BINDINGS, s);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
            assertThat(result.err()).contains("Qvarn refused the worker's credentials", "qvarn.client-secret")
                    .doesNotContain("not-the-secret-7d2a");
        }
    }

    @Test
    void shouldExitThreeWithOneLineWhenQvarnStaysUnreachableForTheStartupTimeout() throws Exception {
        // A port bound but never listening refuses every connection, and stays ours: no other test can take it.
        try (Socket unreachable = new Socket()) {
            unreachable.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            exitThreeAfterTheStartupTimeout(unreachable.getLocalPort());
        }
    }

    private void exitThreeAfterTheStartupTimeout(int port) throws Exception {
        Map<String, String> s = settings(qvarn.server());
        s.put("qvarn.base-url", "http://127.0.0.1:" + port);
        s.put("qvarnmr.startup-timeout", "2");
        s.put("qvarnmr.retry.delay", "100ms");
        s.put("qvarnmr.retry.max-delay", "500ms");
        long start = System.nanoTime();

        Cli.Result result = worker(Bindings.README_BINDINGS, s);

        // A lower bound only: the worker must wait the window out; how much longer a loaded machine takes is no fault.
        assertThat((System.nanoTime() - start) / 1e9).as("waited out the start-up window").isGreaterThanOrEqualTo(2.0);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
        assertThat(result.err()).isEqualTo("cannot reach Qvarn at http://127.0.0.1:" + port + ": connection refused"
                + System.lineSeparator());
    }

    @Test
    void shouldGiveUpAnOutageMidRunWithExitThreeAndLoseNothing() throws Exception {
        qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.instance=startup");
        String org = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        String report = qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        Map<String, String> s = settings(qvarn.server());
        s.put("qvarnmr.keep-alive-timeout", "1");
        s.put("qvarnmr.keep-alive-update-interval", "0.5");
        s.put("qvarnmr.retry.delay", "100ms");
        // Qvarn goes away once the run has begun writing, for longer than the run waits.
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> qvarn.server().stats().count("POST", "/company_reports__map") > 0);
            qvarn.server().faults().refuseConnectionsFor(Duration.ofMinutes(10));
        });

        Cli.Result result = worker(Bindings.README_BINDINGS, s);

        outage.get(5, TimeUnit.MINUTES);
        qvarn.server().faults().clear();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
        assertThat(result.err()).contains("Qvarn failed: ", "no response", "the next run processes them");
        // The run that gave up could not clear its ownership record: the next one (another worker, with a
        // signature of its own) takes over once that record is older than the keep-alive timeout.
        await().atMost(Duration.ofMinutes(1)).until(() -> qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(
                "qvarnmr.instance=startup", "qvarnmr.keep-alive-timeout=1", "qvarnmr.keep-alive-update-interval=0.5") == 0);
        assertThat(qvarn.derivedByKey("reports_counts").get(org).get("_mr_value").asInt()).isEqualTo(1);
        assertThat(qvarn.derivedByKey("company_reports").get(org).get("report_id").asText()).isEqualTo(report);
    }

    private static EmbeddedQvarn authServer() {
        return EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .auth("worker", SECRET).build().start();
    }
}
