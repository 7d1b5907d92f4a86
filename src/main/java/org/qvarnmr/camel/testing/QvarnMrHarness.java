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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
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
import org.qvarnmr.camel.qvarn.client.Secret;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * An embedded Qvarn for one test, a client to it, and one-shot worker runs in the test's JVM over real
 * HTTP, as {@code java -jar qvarnmr-camel.jar HANDLERS.yaml -c CONFIG} would run them. Injected by
 * {@link QvarnMrTest} and closed after the test; {@link #builder()} makes one by hand (other resource
 * types, OAuth2 client credentials) for tests that manage its life themselves.
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
    private String bindingsYaml;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final Path workDir;
    // written while a worker runs, so lastOutput() shows a forever-mode worker's lines as they come
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile CamelContext lastContext;

    private QvarnMrHarness(EmbeddedQvarn server, QvarnClientSettings clientSettings, String bindingsName,
            Map<String, String> extraSettings, Path workDir) {
        this.server = server;
        this.bindingsName = bindingsName;
        this.workDir = workDir;
        this.client = new QvarnClient(clientSettings);
        settings.put("qvarn.base-url", server.baseUrl().toString());
        settings.put("qvarnmr.instance", "test");
        settings.put("qvarnmr.poll-interval", "20ms");
        settings.put("qvarnmr.retry.delay", "20ms");
        settings.put("qvarnmr.retry.max-delay", "100ms");
        settings.put("qvarnmr.dead-letter-uri", "file:" + workDir.resolve("dead-letters"));
        settings.putAll(extraSettings);
    }

    /** Starts an embedded Qvarn with the annotation's types; the worker runs on its bindings. */
    static QvarnMrHarness start(QvarnMrTest test) throws IOException {
        Builder builder = builder().bindings(test.bindings());
        for (String folder : test.resourceTypes()) {
            builder.resourceTypes(folder(folder));
        }
        for (String s : test.settings()) {
            parseSetting(s, builder.settings);
        }
        return builder.start();
    }

    /** A harness made by hand; {@link Builder#start()} starts its Qvarn, {@link #close()} stops it. */
    public static Builder builder() {
        return new Builder();
    }

    /** What {@link QvarnMrTest} says, as methods, plus what only a hand-made harness needs. */
    public static final class Builder {
        private final EmbeddedQvarn.Builder server = EmbeddedQvarn.builder();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String bindings = "config/handlers.yaml";
        private String clientId;
        private String clientSecret;

        private Builder() {
        }

        /** Adds the resource types of every {@code *.yaml} in this folder. */
        public Builder resourceTypes(Path folder) {
            server.resourceTypesDir(folder);
            return this;
        }

        /** Adds one resource type given as YAML text. */
        public Builder resourceTypeYaml(String yaml) {
            server.resourceTypeYaml(yaml);
            return this;
        }

        /** The handler bindings file (a file, else a class path resource) that {@link #runWorker} runs. */
        public Builder bindings(String fileOrResource) {
            this.bindings = fileOrResource;
            return this;
        }

        /** A setting for every run, e.g. {@code set("qvarnmr.instance", "it")}. */
        public Builder set(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * Qvarn requires OAuth2 client credentials; the harness's client uses them (a worker needs the
         * settings {@code qvarn.client-id} and {@code qvarn.client-secret} too).
         */
        public Builder auth(String id, String secret) {
            server.auth(id, secret);
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        /** Starts the embedded Qvarn, adding the worker's own record types when the given ones lack them. */
        public QvarnMrHarness start() throws IOException {
            var paths = server.build().resourceTypePaths(); // parses only; nothing is bound yet
            if (!paths.contains("qvarnmr_listeners")) {
                server.resourceTypeYaml(LISTENERS_TYPE);
            }
            if (!paths.contains("qvarnmr_handlers")) {
                server.resourceTypeYaml(HANDLERS_TYPE);
            }
            return on(server.build().start());
        }

        /**
         * A harness on a server the test built and started itself (e.g. on generated types, which must
         * include the worker's record types); {@link #close()} stops it. Only this builder's settings,
         * bindings and credentials apply, not its resource types.
         */
        public QvarnMrHarness on(EmbeddedQvarn started) throws IOException {
            Path workDir = Files.createTempDirectory("qvarnmr-test");
            QvarnClientSettings client = QvarnClientSettings.of(started.baseUrl());
            if (clientId != null) {
                client = client.withCredentials(clientId, Secret.of(clientSecret), List.of());
            }
            return new QvarnMrHarness(started, client, bindings, settings, workDir);
        }
    }

    /** Qvarn's base URL, e.g. {@code http://127.0.0.1:43121}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** A client to the embedded Qvarn (no authentication). */
    public QvarnClient client() {
        return client;
    }

    /** The embedded server itself: request statistics ({@code stats()}), injected faults ({@code faults()}). */
    public EmbeddedQvarn server() {
        return server;
    }

    /** This harness's folder (the dead letters are in {@code dead-letters/}); deleted by {@link #close()}. */
    public Path workDir() {
        return workDir;
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
        this.bindingsYaml = null;
        return this;
    }

    /** Runs the following runs on these handler bindings, given as YAML text (named {@code test-handlers.yaml}). */
    public QvarnMrHarness bindingsYaml(String yaml) {
        this.bindingsYaml = yaml;
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
     *
     * @param settings {@code name=value} settings for this run only
     */
    public int runWorker(String... settings) throws Exception {
        return runtime(settings).run(false);
    }

    /**
     * Starts the worker in forever mode in another thread, as a deployed worker runs; {@link
     * RunningWorker#close()} stops it.
     *
     * @param settings {@code name=value} settings for this run only
     */
    public RunningWorker startWorker(String... settings) throws Exception {
        WorkerRuntime runtime = runtime(settings);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.run(true);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        return new RunningWorker(runtime, exit);
    }

    /** A worker running in forever mode; its exit code completes {@code exit} when it stops. */
    public record RunningWorker(WorkerRuntime runtime, CompletableFuture<Integer> exit) implements AutoCloseable {
        /** Stops the worker and waits (at most a minute) until it has. */
        @Override
        public void close() throws Exception {
            runtime.stop();
            exit.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The settings a run would use (this Qvarn, short retry delays, {@link #set}) with {@code name=value}
     * overrides, for a test that builds a worker itself.
     */
    public WorkerSettings settings(HandlerBindings bindings, String... overrides) {
        return WorkerSettings.from(values(overrides), RequiredScopes.of(bindings));
    }

    private Map<String, ConfigSource.Value> values(String... overrides) {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        for (String s : overrides) {
            parseSetting(s, merged);
        }
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        merged.forEach((k, v) -> values.put(k, new ConfigSource.Value(v, "test")));
        return values;
    }

    private WorkerRuntime runtime(String... overrides) throws IOException {
        CamelContext camel = WorkerRuntime.newContext();
        beans.forEach(camel.getRegistry()::bind);
        HandlerBindings bindings = loadBindings(BindingsLoader.forSettings(CamelHandlerResolver.of(camel), values(overrides)));
        WorkerSettings ws = settings(bindings, overrides);
        captured.reset();
        lastContext = camel;
        return new WorkerRuntime(camel, bindings, ws, new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** What the last run printed (e.g. "map/reduce engine is already running on ..."), so far. */
    public String lastOutput() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The Camel context of the last run (its routes, registry, health checks). */
    public CamelContext lastContext() {
        return lastContext;
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

    /** The changes that failed every attempt so far, as the dead-letter JSON documents, oldest first. */
    public List<ObjectNode> deadLetters() throws IOException {
        Path dir = workDir.resolve("dead-letters");
        List<ObjectNode> letters = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")
                        && !f.getFileName().toString().startsWith(".")).toList()) {
                    letters.add((ObjectNode) JSON.readTree(f.toFile()));
                }
            }
        }
        // Letters are named after their resource: in the order they were written, as a test reads them.
        letters.sort(java.util.Comparator.comparing(l -> l.path("at").asText()));
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

    private HandlerBindings loadBindings(BindingsLoader loader) throws IOException {
        if (bindingsYaml != null) {
            return loader.parse(bindingsYaml, "test-handlers.yaml");
        }
        Path file = Path.of(bindingsName);
        if (Files.isRegularFile(file)) {
            return loader.load(file);
        }
        try (InputStream in = classLoader().getResourceAsStream(bindingsName)) {
            if (in == null) {
                throw new IllegalArgumentException("handler bindings '" + bindingsName + "' not found: neither a file "
                        + "relative to " + Path.of("").toAbsolutePath() + " nor a resource on the class path");
            }
            return loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), bindingsName);
        }
    }

    private static void parseSetting(String s, Map<String, String> into) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("setting '" + s + "' must be name=value");
        }
        into.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
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
