package org.qvarnmr.camel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.WorkerRuntime;

/**
 * An embedded Qvarn for one test, a client to it, and one-shot worker runs in the test's JVM over real
 * HTTP, as {@code java -jar qvarnmr-camel.jar HANDLERS.yaml -c CONFIG} would run them. Injected by
 * {@link QvarnMrTest}; closed after the test.
 */
public final class QvarnMrHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTENERS_TYPE = """
            path: /qvarnmr_listeners
            type: qvarnmr_listener
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', instance: '', resource_type: '', listener_id: '',
                          owner: '', timestamp: ''}
            """;
    private static final String HANDLERS_TYPE = """
            path: /qvarnmr_handlers
            type: qvarnmr_handler
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', instance: '', target: '', source: '', version: 0}
            """;

    private final EmbeddedQvarn server;
    private final QvarnClient client;
    private String bindingsName;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final Path workDir;
    private String lastOutput = "";

    private QvarnMrHarness(EmbeddedQvarn server, String bindingsName, String[] extraSettings, Path workDir) {
        this.server = server;
        this.bindingsName = bindingsName;
        this.workDir = workDir;
        this.client = new QvarnClient(QvarnClientSettings.of(server.baseUrl()));
        settings.put("qvarn.base-url", server.baseUrl().toString());
        settings.put("qvarnmr.instance", "test");
        settings.put("qvarnmr.poll-interval", "20ms");
        settings.put("qvarnmr.retry.delay", "20ms");
        settings.put("qvarnmr.retry.max-delay", "100ms");
        settings.put("qvarnmr.dead-letter-uri", "file:" + workDir.resolve("dead-letters"));
        for (String s : extraSettings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting '" + s + "' must be name=value");
            }
            settings.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
    }

    /** Starts an embedded Qvarn with the annotation's types; the worker runs on its bindings. */
    static QvarnMrHarness start(QvarnMrTest test) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String folder : test.resourceTypes()) {
            dirs.add(folder(folder));
        }
        EmbeddedQvarn.Builder builder = EmbeddedQvarn.builder();
        dirs.forEach(builder::resourceTypesDir);
        var paths = builder.build().resourceTypePaths(); // parses only; nothing is bound yet
        if (!paths.contains("qvarnmr_listeners")) {
            builder.resourceTypeYaml(LISTENERS_TYPE);
        }
        if (!paths.contains("qvarnmr_handlers")) {
            builder.resourceTypeYaml(HANDLERS_TYPE);
        }
        Path workDir = Files.createTempDirectory("qvarnmr-test");
        return new QvarnMrHarness(builder.build().start(), test.bindings(), test.settings(), workDir);
    }

    /** Qvarn's base URL, e.g. {@code http://127.0.0.1:43121}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** A client to the embedded Qvarn (no authentication). */
    public QvarnClient client() {
        return client;
    }

    /** The embedded server itself: request statistics, injected faults. */
    public EmbeddedQvarn server() {
        return server;
    }

    /** Creates a resource; returns its id. */
    public String create(String type, String json) {
        return client.create(type, object(json)).get("id").asText();
    }

    /** Replaces the resource's fields with {@code json}, at its current revision. */
    public void update(String type, String id, String json) {
        client.update(type, id, object(json));
    }

    public void delete(String type, String id) {
        client.delete(type, id);
    }

    public ObjectNode get(String type, String id) {
        return client.get(type, id);
    }

    /** Overrides a setting for the following runs, e.g. {@code set("qvarnmr.retry.max-attempts", "2")}. */
    public QvarnMrHarness set(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /**
     * Runs the following runs on another bindings file (a file, else a class path resource), e.g. one with
     * a bumped version to test a resync.
     */
    public QvarnMrHarness bindings(String fileOrResource) {
        this.bindingsName = fileOrResource;
        return this;
    }

    /** Binds a bean into the Camel registry of the following runs, for {@code handler: {bean: name}}. */
    public QvarnMrHarness bind(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    /**
     * Runs the worker once (one-shot mode): processes every pending change and any resync that is due,
     * waits for failed changes to be retried or dead-lettered, and returns the exit code (0 when done).
     * Invalid bindings or settings throw, as they stop the command line with exit code 2.
     */
    public int runWorker() throws Exception {
        CamelContext camel = WorkerRuntime.newContext();
        beans.forEach(camel.getRegistry()::bind);
        HandlerBindings bindings = loadBindings(camel);
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        settings.forEach((k, v) -> values.put(k, new ConfigSource.Value(v, "test")));
        WorkerSettings ws = WorkerSettings.from(values, RequiredScopes.of(bindings));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            return new WorkerRuntime(camel, bindings, ws, out).run(false);
        } finally {
            lastOutput = captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** What the last run printed (e.g. "map/reduce engine is already running on ..."). */
    public String lastOutput() {
        return lastOutput;
    }

    /** Every resource of a (derived) type, full, in no particular order. */
    public List<ObjectNode> derived(String type) {
        return new ArrayList<>(client.search(Search.on(type).showAll()));
    }

    /**
     * The rows of a derived type by {@code _mr_key}. Meant for reduce targets, which have one row per key;
     * fails when a key has several rows (normal for a map target: use {@link #derived(String)} there).
     */
    public Map<String, ObjectNode> derivedByKey(String type) {
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (ObjectNode row : derived(type)) {
            String key = MrFields.text(row, MrFields.KEY);
            if (byKey.put(key, row) != null) {
                throw new AssertionError(type + " has several rows for key " + key
                        + "; derivedByKey is for reduce targets, use derived(\"" + type + "\") for map targets");
            }
        }
        return byKey;
    }

    /** The changes that failed every attempt so far, as the dead-letter JSON documents. */
    public List<ObjectNode> deadLetters() throws IOException {
        Path dir = workDir.resolve("dead-letters");
        List<ObjectNode> letters = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    letters.add((ObjectNode) JSON.readTree(f.toFile()));
                }
            }
        }
        return letters;
    }

    /** Stops the server (its data is lost) and deletes the dead letters. Idempotent. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
            deleteQuietly(workDir);
        }
    }

    private HandlerBindings loadBindings(CamelContext camel) throws IOException {
        Path file = Path.of(bindingsName);
        if (Files.isRegularFile(file)) {
            return new BindingsLoader(camel).load(file);
        }
        try (InputStream in = classLoader().getResourceAsStream(bindingsName)) {
            if (in == null) {
                throw new IllegalArgumentException("handler bindings '" + bindingsName + "' not found: neither a file "
                        + "relative to " + Path.of("").toAbsolutePath() + " nor a resource on the class path");
            }
            return new BindingsLoader(camel).parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), bindingsName);
        }
    }

    private static Path folder(String name) {
        Path dir = Path.of(name);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        URL url = classLoader().getResource(name);
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad resource URL " + url, e);
            }
        }
        throw new IllegalArgumentException("resource types folder '" + name + "' not found: neither a folder relative "
                + "to " + Path.of("").toAbsolutePath() + " nor a folder on the class path");
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : QvarnMrHarness.class.getClassLoader();
    }

    private static ObjectNode object(String json) {
        try {
            if (JSON.readTree(json) instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + json + " (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("expected a JSON object, got: " + json);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
