package org.qvarnmr.camel.qvarn.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.qvarnmr.camel.qvarn.server.auth.AccessChecker;
import org.qvarnmr.camel.qvarn.server.auth.ClientCredentials;
import org.qvarnmr.camel.qvarn.server.auth.TokenEndpoint;
import org.qvarnmr.camel.qvarn.server.auth.TokenService;
import org.qvarnmr.camel.qvarn.server.http.Dispatcher;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.http.ListenerEndpoints;
import org.qvarnmr.camel.qvarn.server.http.RequestBodies;
import org.qvarnmr.camel.qvarn.server.http.ResourceEndpoints;
import org.qvarnmr.camel.qvarn.server.http.Router;
import org.qvarnmr.camel.qvarn.server.http.SearchEndpoint;
import org.qvarnmr.camel.qvarn.server.http.SubresourceEndpoints;
import org.qvarnmr.camel.qvarn.server.store.BodyValidator;
import org.qvarnmr.camel.qvarn.server.store.IdGenerator;
import org.qvarnmr.camel.qvarn.server.store.ListenerStore;
import org.qvarnmr.camel.qvarn.server.store.NotificationClock;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.ResourceType;
import org.qvarnmr.camel.qvarn.server.store.ResourceTypeLoader;

/**
 * An in-process server speaking the Qvarn 0.82 HTTP protocol, for tests, the demo, benchmarks and
 * standalone use. Data lives in memory. Typical use:
 *
 * <pre>{@code
 * try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder()
 *         .resourceTypesDir(Path.of("config/resource-types"))
 *         .build().start()) {
 *     URI base = qvarn.baseUrl();
 * }
 * }</pre>
 */
public final class EmbeddedQvarn implements AutoCloseable {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final String host;
    private final int port;
    private final int threads;
    private final Map<String, ResourceStore> stores;
    private final Router router;
    private final TokenService tokens;
    private final ClientCredentials credentials;
    private final QvarnHandler handler;
    private final RequestStats stats = new RequestStats();
    private final Faults faults = new Faults();
    private final Clock clock = Clock.systemUTC();
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    private EmbeddedQvarn(Builder builder, List<ResourceType> types) {
        this.host = builder.host;
        this.port = builder.port;
        this.threads = builder.threads;
        this.credentials = builder.credentials;
        IdGenerator ids = new IdGenerator();
        NotificationClock notificationClock = new NotificationClock(clock);
        Map<String, ResourceStore> byPath = new LinkedHashMap<>();
        for (ResourceType type : types) {
            byPath.put(type.path(), new ResourceStore(type, ids, new ListenerStore(type.name(), ids, notificationClock)));
        }
        this.stores = Map.copyOf(byPath);
        this.router = new Router(byPath.values());
        this.tokens = new TokenService(clock);
        if (credentials != null) {
            tokens.generateKeys();
        }
        Json json = new Json();
        RequestBodies bodies = new RequestBodies(json);
        BodyValidator validator = new BodyValidator();
        Set<String> scopes = router.allScopes();
        Dispatcher dispatcher = new Dispatcher(
                new ResourceEndpoints(json, bodies, validator),
                new SubresourceEndpoints(json, bodies, validator),
                new SearchEndpoint(json),
                new ListenerEndpoints(json, bodies, validator),
                new TokenEndpoint(json, tokens, credentials, () -> scopes, TOKEN_LIFETIME, clock),
                json);
        this.handler = new QvarnHandler(router, dispatcher, new AccessChecker(tokens, credentials != null),
                builder.latency, faults, stats, json);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; requests are accepted when this returns. */
    public synchronized EmbeddedQvarn start() {
        if (closed || server != null) {
            throw new IllegalStateException(closed ? "the server is closed" : "the server is already started");
        }
        // without this the JDK server waits for delayed ACKs and every small answer takes ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(host, port), 128);
            executor = Executors.newFixedThreadPool(threads, daemonThreads());
            created.setExecutor(executor);
            created.createContext("/", handler);
            created.start();
            server = created;
        } catch (IOException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        return this;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "embedded-qvarn-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** E.g. {@code http://127.0.0.1:43121}, without a trailing slash. */
    public synchronized URI baseUrl() {
        if (server == null) {
            throw new IllegalStateException("the server is not started");
        }
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shownHost + ":" + server.getAddress().getPort());
    }

    public RequestStats stats() {
        return stats;
    }

    public Faults faults() {
        return faults;
    }

    /** Every scope of every loaded type's routes (section 7.2), and nothing else. */
    public Set<String> allScopes() {
        return router.allScopes();
    }

    /** An RS512 token for these scopes, valid for an hour, signed with this server's key. */
    public String issueToken(Collection<String> scopes) {
        return issueToken(scopes, clock.instant().plus(TOKEN_LIFETIME));
    }

    public String issueToken(Collection<String> scopes, Instant expiresAt) {
        String subject = credentials == null ? TokenEndpoint.DEFAULT_SUBJECT : credentials.clientId();
        return tokens.issue(subject, subject, List.copyOf(scopes), expiresAt);
    }

    /** The paths of the loaded types without their slash, e.g. {@code orgs}. */
    public Set<String> resourceTypePaths() {
        return Set.copyOf(stores.keySet());
    }

    /** Stops serving at once; data is lost. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Configures a server; {@link #build()} loads and checks the resource types. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final List<Path> typeDirs = new ArrayList<>();
        private final List<String> typeYamls = new ArrayList<>();
        private ClientCredentials credentials;
        private LatencyModel latency = LatencyModel.NONE;
        private int threads = 16;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Loads every {@code *.yaml} and {@code *.yml} file in the directory. */
        public Builder resourceTypesDir(Path dir) {
            typeDirs.add(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        /** One resource type document, as in a type file. */
        public Builder resourceTypeYaml(String yamlText) {
            typeYamls.add(Objects.requireNonNull(yamlText, "yamlText"));
            return this;
        }

        /** Requires tokens signed by this server on every request but {@code GET /version}. */
        public Builder auth(String clientId, String clientSecret) {
            this.credentials = new ClientCredentials(Objects.requireNonNull(clientId, "clientId"),
                    Objects.requireNonNull(clientSecret, "clientSecret"));
            return this;
        }

        public Builder latency(LatencyModel model) {
            this.latency = Objects.requireNonNull(model, "model");
            return this;
        }

        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /** @throws ResourceTypeException naming the file and what is wrong with it */
        public EmbeddedQvarn build() {
            ResourceTypeLoader loader = new ResourceTypeLoader();
            List<ResourceType> types = new ArrayList<>();
            typeDirs.forEach(dir -> types.addAll(loader.loadDirectory(dir)));
            for (int i = 0; i < typeYamls.size(); i++) {
                types.add(loader.parse("resourceTypeYaml[" + i + "]", typeYamls.get(i)));
            }
            ResourceTypeLoader.checkUnique(types);
            return new EmbeddedQvarn(this, types);
        }
    }
}
