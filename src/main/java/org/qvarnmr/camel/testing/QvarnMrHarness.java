package org.qvarnmr.camel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.HandlerBindings;
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
 * {@link QvarnMrTest} and closed after the test; {@link #builder()} makes one by hand (other resource
 * types, OAuth2 client credentials) for tests that manage its life themselves.
 */
public final class QvarnMrHarness implements AutoCloseable {
    /** The folder of {@link #workDir()} the worker writes its dead letters into. */
    static final String DEAD_LETTERS = "dead-letters";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedQvarn server;
    private final QvarnClient client;
    private final Path workDir;
    // what the next run is made of; set(), bindings() and bind() replace it
    private volatile WorkerLauncher launcher;
    // written while a worker runs, so lastOutput() shows a forever-mode worker's lines as they come
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile CamelContext lastContext;

    QvarnMrHarness(EmbeddedQvarn server, QvarnClientSettings clientSettings, Path workDir, WorkerLauncher launcher) {
        this.server = server;
        this.client = new QvarnClient(clientSettings);
        this.workDir = workDir;
        this.launcher = launcher;
    }

    /** Starts an embedded Qvarn with the annotation's types; the worker runs on its bindings. */
    static QvarnMrHarness start(QvarnMrTest test) throws IOException {
        return HarnessSpec.of(test).start();
    }

    /** A harness made by hand; {@link Builder#start()} starts its Qvarn, {@link #close()} stops it. */
    public static Builder builder() {
        return new Builder();
    }

    /** What {@link QvarnMrTest} says, as methods, plus what only a hand-made harness needs. */
    public static final class Builder {
        private HarnessSpec spec = HarnessSpec.empty();

        private Builder() {
        }

        /** Adds the resource types of every {@code *.yaml} in this folder. */
        public Builder resourceTypes(Path folder) {
            spec = spec.withTypeFolder(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /** Adds one resource type given as YAML text. */
        public Builder resourceTypeYaml(String yaml) {
            spec = spec.withTypeYaml(Objects.requireNonNull(yaml, "yaml"));
            return this;
        }

        /** The handler bindings file (a file, else a class path resource) that {@link #runWorker} runs. */
        public Builder bindings(String fileOrResource) {
            spec = spec.withBindings(fileOrResource);
            return this;
        }

        /** A setting for every run, e.g. {@code set("qvarnmr.instance", "it")}. */
        public Builder set(String name, String value) {
            spec = spec.with(name, value);
            return this;
        }

        /**
         * Qvarn requires OAuth2 client credentials; the harness's client uses them (a worker needs the
         * settings {@code qvarn.client-id} and {@code qvarn.client-secret} too).
         */
        public Builder auth(String id, String secret) {
            spec = spec.withAuth(Objects.requireNonNull(id, "clientId"), Objects.requireNonNull(secret, "clientSecret"));
            return this;
        }

        /** Starts the embedded Qvarn, adding the worker's own record types when the given ones lack them. */
        public QvarnMrHarness start() throws IOException {
            return spec.start();
        }

        /**
         * A harness on a server the test built and started itself (e.g. on generated types, which must
         * include the worker's record types); {@link #close()} stops it. Only this builder's settings,
         * bindings and credentials apply, not its resource types.
         */
        public QvarnMrHarness on(EmbeddedQvarn started) throws IOException {
            return spec.on(started);
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
        launcher = launcher.with(name, value);
        return this;
    }

    /**
     * Runs the following runs on another bindings file (a file, else a class path resource), e.g. one with
     * a bumped version to test a resync.
     */
    public QvarnMrHarness bindings(String fileOrResource) {
        launcher = launcher.withBindings(BindingsSource.file(fileOrResource));
        return this;
    }

    /** Runs the following runs on these handler bindings, given as YAML text (named {@code test-handlers.yaml}). */
    public QvarnMrHarness bindingsYaml(String yaml) {
        launcher = launcher.withBindings(BindingsSource.yaml(yaml));
        return this;
    }

    /** Binds a bean into the Camel registry of the following runs, for {@code handler: {bean: name}}. */
    public QvarnMrHarness bind(String name, Object bean) {
        launcher = launcher.withBean(name, bean);
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
        return launch(settings).run(false);
    }

    /**
     * Starts the worker in forever mode in another thread, as a deployed worker runs; {@link
     * RunningWorker#close()} stops it.
     *
     * @param settings {@code name=value} settings for this run only
     */
    public RunningWorker startWorker(String... settings) throws Exception {
        WorkerRuntime runtime = launch(settings);
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
        return launcher.settings(bindings, overrides);
    }

    /** A worker for the next run; once its bindings and settings are valid, its output and context are the last. */
    private WorkerRuntime launch(String... overrides) throws IOException {
        return launcher.launch(camel -> {
            captured.reset();
            lastContext = camel;
            return new PrintStream(captured, true, StandardCharsets.UTF_8);
        }, overrides);
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
        Path dir = workDir.resolve(DEAD_LETTERS);
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
        letters.sort(Comparator.comparing(l -> l.path("at").asText()));
        return letters;
    }

    /** Stops the server (its data is lost) and deletes the dead letters. Idempotent. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
            KitFiles.deleteQuietly(workDir);
        }
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
}
