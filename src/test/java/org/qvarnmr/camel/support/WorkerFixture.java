package org.qvarnmr.camel.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * The public {@link QvarnMrHarness} set up as the internal end-to-end tests want it: the example types
 * (plus any given), instance {@code it}, no management server, bindings given as YAML text. What only
 * these tests need (the README's bindings, derived type documents, a take-over) lives here; everything
 * else is the harness's.
 */
public final class WorkerFixture implements AutoCloseable, AfterEachCallback {
    /** A source type with a text and a number field, for sums and joins over invoices. */
    public static final String INVOICES_TYPE = """
            path: /invoices
            type: invoice
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', org: '', amount: 0}
            """;
    /** A count whose map handler fails on reports of type 'boom' (it/handlers/FailOnBoom). */
    public static final String MAP_FAILS_ON_BOOM = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.FailOnBoom}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;
    /** One count: reports per org (the map and reduce half of the README bindings' counts). */
    public static final String COUNT_BINDINGS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;

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

    private final QvarnMrHarness harness;

    private WorkerFixture(QvarnMrHarness harness) {
        this.harness = harness;
    }

    /** Starts a server with {@code config/resource-types} and the given extra type documents. */
    public static WorkerFixture start(String... extraTypes) throws Exception {
        QvarnMrHarness.Builder builder = builder();
        Arrays.stream(extraTypes).forEach(builder::resourceTypeYaml);
        return new WorkerFixture(builder.start());
    }

    /** A fixture on a server the test built and started (e.g. from generated types); closing it stops the server. */
    public static WorkerFixture on(EmbeddedQvarn server) throws Exception {
        return new WorkerFixture(builder().on(server));
    }

    /**
     * A fixture for one test: {@code @RegisterExtension final WorkerFixture qvarn = WorkerFixture.perTest();}
     * starts it (with the given extra type documents) with the test instance and closes it after the test.
     */
    public static WorkerFixture perTest(String... extraTypes) {
        try {
            return start(extraTypes);
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
        return new WorkerFixture(builder().auth(clientId, clientSecret).start());
    }

    private static QvarnMrHarness.Builder builder() {
        return QvarnMrHarness.builder().resourceTypes(Path.of("config", "resource-types"))
                .set("qvarnmr.instance", "it")
                .set("qvarnmr.management.enabled", "no"); // tests that want it turn it on, on a free port
    }

    /** A map or reduce target type with the derived fields plus {@code fields} (string fields). */
    public static String derivedType(String path, boolean reduce, String... fields) {
        StringBuilder y = new StringBuilder("path: /" + path + "\ntype: " + path + "\nversions:\n- version: v1\n"
                + "  prototype:\n    id: ''\n    type: ''\n    revision: ''\n    _mr_key: ''\n    _mr_version: 0\n");
        y.append(reduce ? "    _mr_timestamp: 0\n" : "    _mr_source_id: ''\n    _mr_source_type: ''\n    _mr_deleted: false\n");
        for (String f : fields) {
            y.append("    ").append(f.contains(":") ? f : f + ": ''").append('\n');
        }
        if (Arrays.stream(fields).noneMatch(f -> f.startsWith("_mr_value"))) {
            y.append("    _mr_value: ''\n");
        }
        return y.toString();
    }

    public EmbeddedQvarn server() {
        return harness.server();
    }

    public QvarnClient client() {
        return harness.client();
    }

    public Path workDir() {
        return harness.workDir();
    }

    public String create(String type, String json) {
        return harness.create(type, json);
    }

    /** Replaces the resource's fields with {@code json} (keeping nothing else), at its current revision. */
    public void update(String type, String id, String json) {
        harness.update(type, id, json);
    }

    public void delete(String type, String id) {
        harness.delete(type, id);
    }

    /** Every resource of a type, full. */
    public List<ObjectNode> rows(String type) {
        return harness.derived(type);
    }

    /** Rows of a derived type by {@code _mr_key} (fails on duplicates, which must never exist). */
    public Map<String, ObjectNode> byKey(String type) {
        return harness.derivedByKey(type);
    }

    /** Binds a bean for {@code handler: {bean: name}} in the following runs. */
    public WorkerFixture bind(String name, Object bean) {
        harness.bind(name, bean);
        return this;
    }

    /** Runs the worker once (one-shot mode) on these bindings; returns its exit code. */
    public int runOnce(String bindingsYaml, String... settings) throws Exception {
        return harness.bindingsYaml(bindingsYaml).runWorker(settings);
    }

    /** Starts the worker in forever mode in a background thread; stop it with {@link Running#close()}. */
    public Running runForever(String bindingsYaml, String... settings) throws Exception {
        QvarnMrHarness.RunningWorker worker = harness.bindingsYaml(bindingsYaml).startWorker(settings);
        return new Running(worker.runtime(), worker.exit());
    }

    /** A worker running in forever mode. */
    public record Running(WorkerRuntime runtime, CompletableFuture<Integer> exit) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            new QvarnMrHarness.RunningWorker(runtime, exit).close();
        }
    }

    /** The test settings (this server, instance {@code it}, short intervals) with {@code key=value} overrides. */
    public WorkerSettings settings(HandlerBindings bindings, String... settings) {
        return harness.settings(bindings, settings);
    }

    /**
     * Another worker takes the instance over: writes {@code owner} into every listener record, reading it
     * again when the running worker's keep-alive wrote it in between (409).
     */
    public void takeOver(String owner) {
        QvarnClient client = harness.client();
        for (ObjectNode listed : rows("qvarnmr_listeners")) {
            String id = listed.get("id").asText();
            for (int attempt = 0; ; attempt++) {
                ObjectNode record = client.get("qvarnmr_listeners", id);
                record.put("owner", owner);
                try {
                    client.update("qvarnmr_listeners", id, record);
                    break;
                } catch (QvarnConflictException raced) {
                    if (attempt == 20) {
                        throw raced;
                    }
                }
            }
        }
    }

    /** The Camel context of the last worker started (its routes, registry, health checks). */
    public CamelContext lastContext() {
        return harness.lastContext();
    }

    /** What the last worker printed on its output (the user-facing lines). */
    public String lastOutput() {
        return harness.lastOutput();
    }

    /** The notification ids still waiting in the worker's listener on {@code sourceType}. */
    public List<String> pendingNotifications(String sourceType) {
        String listener = rows("qvarnmr_listeners").stream()
                .filter(r -> sourceType.equals(r.get("resource_type").asText())).findFirst().orElseThrow()
                .get("listener_id").asText();
        return client().listNotificationIds(sourceType, listener);
    }

    /** The dead letters written so far, as JSON objects. */
    public List<ObjectNode> deadLetters() throws Exception {
        return harness.deadLetters();
    }

    @Override
    public void close() {
        harness.close();
    }
}
