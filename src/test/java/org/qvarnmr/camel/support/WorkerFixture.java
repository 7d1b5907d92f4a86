package org.qvarnmr.camel.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.qvarn.client.Secret;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.WorkerRuntime;

/**
 * An embedded Qvarn with the example types (plus any given), a client, and one-shot worker runs in this
 * JVM over real HTTP, for end-to-end tests.
 */
public final class WorkerFixture implements AutoCloseable, AfterEachCallback {
    public static final String README_BINDINGS = """
            company_reports__map:
              orgs:    {type: map, version: 1, handler: {item: {key: id}}}
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            company_reports:
              company_reports__map:
                type: reduce
                version: 1
                handler:
                  join:
                    org:    {id: org_id}
                    report: {id: report_id}
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedQvarn server;
    private final QvarnClient client;
    private final Path workDir;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile CamelContext lastContext;

    private WorkerFixture(EmbeddedQvarn server, Path workDir, QvarnClientSettings clientSettings) {
        this.server = server;
        this.workDir = workDir;
        this.client = new QvarnClient(clientSettings);
    }

    /** Starts a server with {@code config/resource-types} and the given extra type documents. */
    public static WorkerFixture start(String... extraTypes) throws Exception {
        EmbeddedQvarn.Builder builder = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"));
        for (String yaml : extraTypes) {
            builder.resourceTypeYaml(yaml);
        }
        EmbeddedQvarn server = builder.build().start();
        return new WorkerFixture(server, Files.createTempDirectory("qvarnmr-it"),
                QvarnClientSettings.of(server.baseUrl()));
    }

    /**
     * A fixture for one test: {@code @RegisterExtension final WorkerFixture qvarn = WorkerFixture.perTest();}
     * starts it with the test instance and closes it after the test.
     */
    public static WorkerFixture perTest() {
        try {
            return start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Qvarn: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /**
     * Like {@link #start(String...)}, but Qvarn requires OAuth2 client credentials; the fixture's own
     * client uses them (workers need {@code qvarn.client-id} and {@code qvarn.client-secret}).
     */
    public static WorkerFixture startWithAuth(String clientId, String clientSecret) throws Exception {
        EmbeddedQvarn server = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .auth(clientId, clientSecret).build().start();
        return new WorkerFixture(server, Files.createTempDirectory("qvarnmr-it"), QvarnClientSettings
                .of(server.baseUrl()).withCredentials(clientId, Secret.of(clientSecret), List.of()));
    }

    /** A map or reduce target type with the derived fields plus {@code fields} (string fields). */
    public static String derivedType(String path, boolean reduce, String... fields) {
        StringBuilder y = new StringBuilder("path: /" + path + "\ntype: " + path + "\nversions:\n- version: v1\n"
                + "  prototype:\n    id: ''\n    type: ''\n    revision: ''\n    _mr_key: ''\n    _mr_version: 0\n");
        y.append(reduce ? "    _mr_timestamp: 0\n" : "    _mr_source_id: ''\n    _mr_source_type: ''\n    _mr_deleted: false\n");
        for (String f : fields) {
            y.append("    ").append(f.contains(":") ? f : f + ": ''").append('\n');
        }
        if (java.util.Arrays.stream(fields).noneMatch(f -> f.startsWith("_mr_value"))) {
            y.append("    _mr_value: ''\n");
        }
        return y.toString();
    }

    public EmbeddedQvarn server() {
        return server;
    }

    public QvarnClient client() {
        return client;
    }

    public Path workDir() {
        return workDir;
    }

    public String create(String type, String json) throws Exception {
        return client.create(type, (ObjectNode) JSON.readTree(json)).get("id").asText();
    }

    /** Replaces the resource's fields with {@code json} (keeping nothing else), at its current revision. */
    public void update(String type, String id, String json) throws Exception {
        client.update(type, id, (ObjectNode) JSON.readTree(json));
    }

    public void delete(String type, String id) {
        client.delete(type, id);
    }

    /** Every resource of a type, full. */
    public List<ObjectNode> rows(String type) {
        return new ArrayList<>(client.search(Search.on(type).showAll()));
    }

    /** Rows of a derived type by {@code _mr_key} (fails on duplicates, which must never exist). */
    public Map<String, ObjectNode> byKey(String type) {
        Map<String, ObjectNode> byKey = new HashMap<>();
        for (ObjectNode row : rows(type)) {
            ObjectNode previous = byKey.put(MrFields.text(row, MrFields.KEY), row);
            if (previous != null) {
                throw new AssertionError("two " + type + " rows for key " + MrFields.text(row, MrFields.KEY));
            }
        }
        return byKey;
    }

    /** Runs the worker once (one-shot mode) on these bindings; returns its exit code. */
    public int runOnce(String bindingsYaml, String... settings) throws Exception {
        return runtime(bindingsYaml, settings).run(false);
    }

    /** Starts the worker in forever mode in a background thread; stop it with {@link Running#close()}. */
    public Running runForever(String bindingsYaml, String... settings) throws Exception {
        WorkerRuntime runtime = runtime(bindingsYaml, settings);
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.run(true);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        return new Running(runtime, exit);
    }

    /** A worker running in forever mode. */
    public record Running(WorkerRuntime runtime, java.util.concurrent.CompletableFuture<Integer> exit)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            runtime.stop();
            exit.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private WorkerRuntime runtime(String bindingsYaml, String... settings) throws Exception {
        CamelContext camel = WorkerRuntime.newContext();
        HandlerBindings bindings = new BindingsLoader(camel).parse(bindingsYaml, "test-handlers.yaml");
        WorkerSettings ws = settings(bindings, settings);
        PrintStream out = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        captured.reset();
        lastContext = camel;
        return new WorkerRuntime(camel, bindings, ws, out);
    }

    /** The test settings (this server, instance {@code it}, short intervals) with {@code key=value} overrides. */
    public WorkerSettings settings(HandlerBindings bindings, String... settings) {
        Map<String, ConfigSource.Value> values = new HashMap<>();
        put(values, "qvarn.base-url", server.baseUrl().toString());
        put(values, "qvarnmr.instance", "it");
        put(values, "qvarnmr.poll-interval", "20ms");
        put(values, "qvarnmr.retry.delay", "20ms");
        put(values, "qvarnmr.retry.max-delay", "100ms");
        put(values, "qvarnmr.dead-letter-uri", "file:" + workDir.resolve("dead-letters"));
        put(values, "qvarnmr.management.enabled", "no"); // tests that want it turn it on, on a free port
        for (String s : settings) {
            int eq = s.indexOf('=');
            put(values, s.substring(0, eq), s.substring(eq + 1));
        }
        return WorkerSettings.from(values, RequiredScopes.of(bindings));
    }

    /**
     * Another worker takes the instance over: writes {@code owner} into every listener record, reading it
     * again when the running worker's keep-alive wrote it in between (409).
     */
    public void takeOver(String owner) {
        for (ObjectNode listed : rows("qvarnmr_listeners")) {
            String id = listed.get("id").asText();
            for (int attempt = 0; ; attempt++) {
                ObjectNode record = client.get("qvarnmr_listeners", id);
                record.put("owner", owner);
                try {
                    client.update("qvarnmr_listeners", id, record);
                    break;
                } catch (org.qvarnmr.camel.qvarn.client.QvarnConflictException raced) {
                    if (attempt == 20) {
                        throw raced;
                    }
                }
            }
        }
    }

    /** The Camel context of the last worker started (its routes, registry, health checks). */
    public CamelContext lastContext() {
        return lastContext;
    }

    /** What the last worker printed on its output (the user-facing lines). */
    public String lastOutput() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The dead letters written so far, as JSON objects. */
    public List<ObjectNode> deadLetters() throws Exception {
        Path dir = workDir.resolve("dead-letters");
        List<ObjectNode> letters = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    letters.add((ObjectNode) JSON.readTree(f.toFile()));
                }
            }
        }
        return letters;
    }

    private static void put(Map<String, ConfigSource.Value> values, String key, String value) {
        values.put(key, new ConfigSource.Value(value, "test"));
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
