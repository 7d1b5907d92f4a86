package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * docs/camel-users.md, "Handlers written as routes": its bindings with the example routes in
 * routes/examples/handler-*.yaml run against the embedded Qvarn; a reply of the wrong shape, a route that throws
 * and a missing route give the messages docs/errors.md quotes.
 */
@QvarnMrTest(resourceTypes = "config/resource-types", settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no",
        "qvarnmr.retry.max-attempts=2", HandlerRoutesExampleTest.EXAMPLE_ROUTES})
class HandlerRoutesExampleTest {
    static final String EXAMPLE_ROUTES =
            "camel.main.routes-include-pattern=file:routes/*.yaml,file:routes/examples/handler-*.yaml";
    private static final String HEADING = "## Handlers written as routes";

    private QvarnMrHarness qvarn;

    @TempDir
    Path dir;

    /** The section of docs/camel-users.md, up to the next section. */
    static String section() throws IOException {
        String doc = Files.readString(Path.of("docs", "camel-users.md"));
        int start = doc.indexOf("\n" + HEADING + "\n");
        assertThat(start).as(HEADING + " in docs/camel-users.md").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        return end < 0 ? doc.substring(start) : doc.substring(start, end);
    }

    /** The fenced block right after {@code marker} in the section. */
    static String block(String marker) throws IOException {
        String section = section();
        int at = section.indexOf(marker + "\n```");
        assertThat(at).as(marker + " in " + HEADING).isNotNegative();
        int open = section.indexOf('\n', section.indexOf("```", at)) + 1;
        return section.substring(open, section.indexOf("\n```", open) + 1);
    }

    private String report(String org, String type) {
        return qvarn.create("reports", "{\"org\": \"" + org + "\", \"report_type\": \"" + type + "\"}");
    }

    @Test
    void shouldRunTheDocsMapAndReduceRoutes() throws Exception {
        qvarn.bindingsYaml(block("<!-- file: handlers.yaml -->"));
        String acme = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        String first = report(acme, "bolagsfakta");
        report(acme, "bolagsfakta");
        report(acme, "kreditupplysning");
        report("", "bolagsfakta"); // no org: the map route emits nothing

        assertThat(qvarn.runWorker()).as(qvarn.lastOutput()).isZero(); // the resync maps them through the routes

        assertThat(qvarn.derived("reports_counts__map").stream().map(r -> r.get("_mr_value").asText()).sorted())
                .containsExactly("bolagsfakta", "bolagsfakta", "kreditupplysning");
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys(acme);
        assertThat(qvarn.derivedByKey("reports_counts").get(acme).get("_mr_value").asInt()).isEqualTo(2);

        qvarn.update("reports", first, "{\"org\": \"" + acme + "\", \"report_type\": \"kreditupplysning\"}");
        assertThat(qvarn.runWorker()).as(qvarn.lastOutput()).isZero(); // a live change, through the routes again

        assertThat(qvarn.derivedByKey("reports_counts").get(acme).get("_mr_value").asInt()).isEqualTo(1);
        assertThat(qvarn.deadLetters()).isEmpty();
    }

    /**
     * Taking over the original's store: its listener on the map target still holds notifications, whose keys
     * are reduced when the worker takes over. A route reduce handler must be callable then (the routes run).
     */
    @Test
    void shouldDrainTheOriginalsMapTargetListenerThroughARouteReduceHandler() throws Exception {
        qvarn.bindingsYaml(block("<!-- file: handlers.yaml -->"));
        String acme = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        String listener = qvarn.client().createListener("reports_counts__map",
                JsonNodeFactory.instance.objectNode().put("notify_of_new", true).put("listen_on_all", true))
                .get("id").asText();
        qvarn.create("qvarnmr_listeners", "{\"instance\": \"it\", \"resource_type\": \"reports_counts__map\", "
                + "\"listener_id\": \"" + listener + "\", \"owner\": null, \"timestamp\": null}");
        for (String type : new String[] {"bolagsfakta", "bolagsfakta", "kreditupplysning"}) {
            // the original's map rows (version 1, as the bindings): the listener is notified of each
            qvarn.create("reports_counts__map", "{\"_mr_key\": \"" + acme + "\", \"_mr_value\": \"" + type
                    + "\", \"_mr_source_id\": \"" + report(acme, type) + "\", \"_mr_source_type\": \"reports\", "
                    + "\"_mr_version\": 1, \"_mr_deleted\": false}");
        }

        assertThat(qvarn.runWorker()).as(qvarn.lastOutput()).isZero();

        assertThat(qvarn.derivedByKey("reports_counts").get(acme).get("_mr_value").asInt()).isEqualTo(2);
        assertThat(qvarn.derived("qvarnmr_listeners")).as("the original's map-target listener is drained and gone")
                .noneMatch(r -> "reports_counts__map".equals(r.get("resource_type").asText()));
    }

    @Test
    void shouldResyncARouteHandlerWhoseVersionWasBumped() throws Exception {
        String docs = block("<!-- file: handlers.yaml -->");
        qvarn.bindingsYaml(docs);
        String acme = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        report(acme, "bolagsfakta");
        report(acme, "kreditupplysning");
        assertThat(qvarn.runWorker()).as(qvarn.lastOutput()).isZero();
        assertThat(qvarn.derivedByKey("reports_counts").get(acme).get("_mr_value").asInt()).isEqualTo(1);
        Files.writeString(dir.resolve("all-count.yaml"), """
                - route:
                    from:
                      uri: direct:all-count
                      steps:
                        - setBody: {simple: "${body[values].size()}"}
                """);

        qvarn.bindingsYaml(docs.replace("{type: reduce, version: 1, handler: {route: direct:bolagsfakta-count}}",
                "{type: reduce, version: 2, handler: {route: direct:all-count}}"))
                .set("camel.main.routes-include-pattern", "file:routes/examples/handler-*.yaml,file:" + dir + "/*.yaml");
        assertThat(qvarn.runWorker()).as(qvarn.lastOutput()).isZero(); // no change: the bump alone resyncs the key

        ObjectNode row = qvarn.derivedByKey("reports_counts").get(acme);
        assertThat(row.get("_mr_value").asInt()).isEqualTo(2);
        assertThat(row.get("_mr_version").asInt()).isEqualTo(2);
    }

    @Test
    void shouldCallASedaRouteFromTheEnginesThreadsWithoutBlockingThePass() throws Exception {
        Files.writeString(dir.resolve("seda.yaml"), """
                - route:
                    from:
                      uri: seda:org-map
                      parameters: {concurrentConsumers: 2}
                      steps:
                        - setBody: {simple: '{"key": "${body[org]}"}'}
                        - unmarshal: {json: {library: Jackson}}
                """);
        qvarn.bindingsYaml("""
                reports_counts__map:
                  reports: {type: map, version: 1, handler: {route: seda:org-map}}
                reports_counts:
                  reports_counts__map: {type: reduce, version: 1, handler: count}
                """).set("camel.main.routes-include-pattern", "file:" + dir + "/*.yaml");
        assertThat(qvarn.runWorker()).isZero();
        for (int i = 0; i < 40; i++) {
            report("o-" + (i % 4), "bolagsfakta");
        }

        assertThat(qvarn.runWorker("qvarn.threads=8")).as(qvarn.lastOutput()).isZero(); // 8 threads, 2 consumers

        assertThat(qvarn.derived("reports_counts__map")).hasSize(40);
        assertThat(qvarn.derivedByKey("reports_counts").values()).extracting(r -> r.get("_mr_value").asInt())
                .containsOnly(10);
    }

    @Test
    void shouldDeadLetterAReplyOfTheWrongShapeNamingTheBindingAndTheResource() throws Exception {
        String error = deadLetterOf("""
                - route:
                    from:
                      uri: direct:bad-map
                      steps:
                        - setBody: {constant: "not pairs"}
                """, "direct:bad-map");

        assertThat(error).startsWith("test-handlers.yaml:2: map handler route(direct:bad-map) for target "
                + "'reports_counts__map', source 'reports' failed on resource ")
                .endsWith(": route direct:bad-map replied \"not pairs\"; a map route must reply a list of {key: K, "
                        + "value: V} objects (an empty list for none) or one such object");
        String quoted = error.replaceFirst("failed on resource [^:]+:", "failed on resource ID:")
                .replace("test-handlers.yaml", "handlers.yaml");
        assertThat(Files.readString(Path.of("docs", "errors.md"))).contains(quoted);
        assertThat(section()).contains(quoted);
    }

    @Test
    void shouldDeadLetterARouteThatThrows() throws Exception {
        String error = deadLetterOf("""
                - route:
                    from:
                      uri: direct:throwing-map
                      steps:
                        - throwException: {exceptionType: java.lang.IllegalStateException, message: "no report type"}
                """, "direct:throwing-map");

        assertThat(error).startsWith("test-handlers.yaml:2: map handler route(direct:throwing-map)")
                .endsWith(": route direct:throwing-map failed: java.lang.IllegalStateException: no report type");
        assertThat(Files.readString(Path.of("docs", "errors.md")))
                .contains("route direct:throwing-map failed: java.lang.IllegalStateException: no report type");
    }

    /** The error of the dead letter a report gets from a map handler that is this route. */
    private String deadLetterOf(String route, String uri) throws Exception {
        Files.writeString(dir.resolve("route.yaml"), route);
        qvarn.bindingsYaml("reports_counts__map:\n  reports: {type: map, version: 1, handler: {route: " + uri + "}}\n")
                .set("camel.main.routes-include-pattern", "file:" + dir + "/*.yaml");
        assertThat(qvarn.runWorker()).isZero(); // listeners made, nothing to map yet
        String id = report("o-1", "bolagsfakta");

        assertThat(qvarn.runWorker()).as("a dead letter").isEqualTo(4);

        assertThat(qvarn.deadLetters()).singleElement().satisfies(l -> assertThat(l.get("resourceId").asText()).isEqualTo(id));
        String error = qvarn.deadLetters().get(0).get("error").asText();
        assertThat(error).contains("failed on resource " + id + ": ");
        return error;
    }

    @Test
    void shouldRefuseARouteNoRouteStartsFromInValidateAndAtStartUp() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), "- route:\n    from:\n      uri: direct:other\n      steps:\n"
                + "        - log: x\n");
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"),
                "reports_counts__map:\n  reports: {type: map, version: 1, handler: {route: direct:nowhere}}\n");
        String routes = "file:" + dir + "/*.yaml";
        String expected = handlers + ":2: target 'reports_counts__map', source 'reports': no route starts from "
                + "'direct:nowhere'";

        Cli.Result validate = Cli.run("validate", handlers.toString(), "--routes", routes);
        Cli.Result worker = Cli.worker(dir, Files.readString(handlers), Map.of("qvarn.base-url", qvarn.baseUrl().toString(),
                "qvarnmr.instance", "it", "camel.main.routes-include-pattern", routes));

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.err()).contains(expected).contains("(loaded routes start from: direct:other)");
        assertThat(worker.exitCode()).as(worker.toString()).isEqualTo(2);
        assertThat(worker.out() + worker.err()).contains(expected);
        String message = validate.err().lines().filter(l -> l.contains(expected)).findFirst().orElseThrow().strip();
        assertThat(Files.readString(Path.of("docs", "errors.md")))
                .contains(message.substring(message.indexOf("no route starts from")));
    }

    @Test
    void shouldValidateAndTypeTheDocsBindingsAgainstTheExampleRoutes() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), block("<!-- file: handlers.yaml -->"));

        Cli.Result validate = Cli.run("validate", handlers.toString(), "--routes", "file:routes/examples/handler-*.yaml");

        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("route(direct:report-types-map)", "route(direct:bolagsfakta-count)");
        Cli.Result types = Cli.run("types", handlers.toString(), "--routes", "file:routes/examples/handler-*.yaml");
        assertThat(types.exitCode()).as(types.toString()).isZero();
        Cli.Result typesWithout = Cli.run("types", handlers.toString(), "--routes", "file:" + dir + "/*.yaml");
        assertThat(typesWithout.exitCode()).as(typesWithout.toString()).isEqualTo(2);
        assertThat(typesWithout.err()).contains("handlers.yaml:2: target 'reports_counts__map', source 'reports': no route "
                + "starts from 'direct:report-types-map'", "(no routes are loaded)");
    }

    @Test
    void shouldKeepTheDocsRoutesEqualToTheExampleFiles() throws Exception {
        String shown = block("<!-- not run: the files in routes/examples/; docs/HandlerRoutesExampleTest runs them with the bindings above -->");
        String files = Map.of(1, "handler-report-types-map.yaml", 2, "handler-bolagsfakta-count.yaml").entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> routesOnly(Path.of("routes", "examples", e.getValue())))
                .collect(Collectors.joining());

        assertThat(shown).isEqualTo(files);
    }

    /** A route file without its comment lines. */
    private static String routesOnly(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).map(l -> l + "\n")
                    .collect(Collectors.joining());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
