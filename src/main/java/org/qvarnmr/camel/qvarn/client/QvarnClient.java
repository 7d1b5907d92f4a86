package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * A Qvarn 0.82 HTTP client: resources, search, listeners and notifications, with OAuth2 client
 * credentials. Thread-safe; one instance serves the whole worker over pooled connections.
 *
 * <p>Every {@code path} argument is a resource type's path name without the slash, e.g. {@code orgs}
 * for {@code /orgs}. Failures are {@link QvarnException} subclasses.
 *
 * <p>JSON bodies go out as UTF-8 with {@code Content-Type: application/json} exactly (Qvarn refuses a
 * charset parameter). Ids in paths are percent-encoded like search values. With a client id, a token is
 * fetched and cached (see {@link #authenticate()}); a 401 makes the client fetch a new token and repeat
 * the request once. Without a client id no {@code Authorization} header is sent.
 */
public final class QvarnClient implements AutoCloseable {
    private static final ContentType JSON = ContentType.create("application/json");

    private final QvarnClientSettings settings;
    /** The base URL's scheme, host and port, and its path without the trailing slash (often empty). */
    private final HttpHost host;
    private final String basePath;
    private final ObjectMapper json = new ObjectMapper();
    private final QvarnTransport transport;
    private final TokenProvider tokens;
    private final ExecutorService bulk;
    /** Whether this client made {@link #bulk} (then it stops it on close) or was given it. */
    private final boolean ownsBulk;

    public QvarnClient(QvarnClientSettings settings) {
        this(settings, QvarnRequestListener.NONE);
    }

    /** A client with a pool of its own for concurrent GETs ({@link #newBulkPool}), stopped by {@link #close()}. */
    public QvarnClient(QvarnClientSettings settings, QvarnRequestListener listener) {
        this(settings, listener, Clock.systemUTC(), null);
    }

    /**
     * A client whose concurrent GETs ({@link #getMany}) run on {@code bulk}, a pool of {@link
     * QvarnClientSettings#concurrency()} threads its owner stops after {@link #close()}.
     */
    public QvarnClient(QvarnClientSettings settings, QvarnRequestListener listener, ExecutorService bulk) {
        this(settings, listener, Clock.systemUTC(), Objects.requireNonNull(bulk, "bulk"));
    }

    /** For tests: a clock that decides when a cached token is due for refresh. */
    QvarnClient(QvarnClientSettings settings, QvarnRequestListener listener, Clock clock) {
        this(settings, listener, clock, null);
    }

    private QvarnClient(QvarnClientSettings settings, QvarnRequestListener listener, Clock clock,
                        ExecutorService bulk) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.baseUrl(), "baseUrl");
        Objects.requireNonNull(settings.connectTimeout(), "connectTimeout");
        Objects.requireNonNull(settings.responseTimeout(), "responseTimeout");
        if (settings.maxConnections() < 1 || settings.concurrency() < 1) {
            throw new IllegalArgumentException("maxConnections and concurrency must be at least 1, not "
                    + settings.maxConnections() + " and " + settings.concurrency());
        }
        URI baseUri = URI.create(baseOf(settings));
        this.host = HttpHost.create(baseUri);
        this.basePath = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        this.transport = new QvarnTransport(settings, listener);
        this.tokens = settings.clientId().isEmpty() ? null : new TokenProvider(settings, transport, json, clock);
        this.ownsBulk = bulk == null;
        this.bulk = ownsBulk ? newBulkPool(settings.concurrency()) : bulk;
    }

    /**
     * A pool for a client's concurrent GETs where no container makes one: {@code concurrency} daemon threads
     * named {@code qvarn-client-N}, which end after 30 s idle.
     */
    public static ExecutorService newBulkPool(int concurrency) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public QvarnClientSettings settings() {
        return settings;
    }

    /**
     * Fetches a token now unless a valid one is cached, so that wrong credentials or missing scopes show at
     * start-up ({@link QvarnUnauthorizedException} naming the missing scopes). Does nothing without a client id.
     */
    public void authenticate() {
        if (tokens != null) {
            tokens.token();
        }
    }

    /** GET /{path}/{id}; {@link QvarnNotFoundException} when absent. */
    public ObjectNode get(String path, String id) {
        String p = QvarnValues.pathName(path);
        return resource("GET", "/" + p + "/" + segment(id), "/" + p + "/{id}", null);
    }

    /** GET /{path}/{id}, empty when Qvarn answers 404. */
    public Optional<ObjectNode> find(String path, String id) {
        try {
            return Optional.of(get(path, id));
        } catch (QvarnNotFoundException e) {
            return Optional.empty();
        }
    }

    /** GET /{path}: every id of the type. */
    public List<String> listIds(String path) {
        String p = QvarnValues.pathName(path);
        return ids("/" + p, "/" + p);
    }

    /**
     * GETs of many ids, concurrently within the configured bound; absent ids are left out; order kept.
     * Any other failure is thrown (the first in id order) and the remaining GETs are cancelled.
     */
    public List<ObjectNode> getMany(String path, Collection<String> ids) {
        String p = QvarnValues.pathName(path);
        List<Future<Optional<ObjectNode>>> pending = new ArrayList<>(ids.size());
        try {
            for (String id : ids) {
                pending.add(bulk.submit(() -> find(p, id)));
            }
            List<ObjectNode> found = new ArrayList<>(ids.size());
            for (Future<Optional<ObjectNode>> future : pending) {
                future.get().ifPresent(found::add);
            }
            return found;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error; // e.g. out of memory: never to be taken for a failed request
            }
            throw new IllegalStateException("GET /" + p + "/{id} failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QvarnUnavailableException(-1, "GET", "/" + p, null, "GET /" + p + "/{id}: interrupted", e);
        } catch (CancellationException | RejectedExecutionException e) {
            throw new QvarnUnavailableException(-1, "GET", "/" + p, null, "GET /" + p + "/{id}: client closed", e);
        } finally {
            pending.forEach(future -> future.cancel(true));
        }
    }

    /** POST /{path}; returns the created resource with its id and revision. */
    public ObjectNode create(String path, ObjectNode body) {
        String p = QvarnValues.pathName(path);
        return resource("POST", "/" + p, "/" + p, body);
    }

    /**
     * PUT /{path}/{id}. When {@code body} has no {@code revision}, the current one is fetched first
     * (as the original did). Returns the stored resource with its new revision.
     */
    public ObjectNode update(String path, String id, ObjectNode body) {
        String p = QvarnValues.pathName(path);
        String resourcePath = "/" + p + "/" + segment(id);
        ObjectNode sent = withRevision(body, resourcePath, () -> get(p, id));
        return resource("PUT", resourcePath, "/" + p + "/{id}", sent);
    }

    /** DELETE /{path}/{id}. */
    public void delete(String path, String id) {
        String p = QvarnValues.pathName(path);
        send("DELETE", "/" + p + "/" + segment(id), "/" + p + "/{id}", null, true);
    }

    /** GET /{path}/{id}/{subpath}. */
    public ObjectNode getSubresource(String path, String id, String subpath) {
        String p = QvarnValues.pathName(path);
        String sub = QvarnValues.pathName(subpath);
        return object("GET", "/" + p + "/" + segment(id) + "/" + sub, "/" + p + "/{id}/" + sub, null);
    }

    /** PUT /{path}/{id}/{subpath}; fetches the parent revision when the body has none. */
    public ObjectNode putSubresource(String path, String id, String subpath, ObjectNode body) {
        String p = QvarnValues.pathName(path);
        String sub = QvarnValues.pathName(subpath);
        ObjectNode sent = withRevision(body, "/" + p + "/" + segment(id), () -> get(p, id));
        return object("PUT", "/" + p + "/" + segment(id) + "/" + sub, "/" + p + "/{id}/" + sub, sent);
    }

    /** A search, answered as ids. */
    public List<String> searchIds(Search search) {
        List<String> ids = new ArrayList<>();
        for (ObjectNode entry : search(search)) {
            ids.add(idOf(entry, "GET", search.toPath()));
        }
        return ids;
    }

    /** A search, answered as the entries of {@code resources} (with {@code show}/{@code show_all}: fields). */
    public List<ObjectNode> search(Search search) {
        return resources(search.toPath(), "/" + search.path() + "/search");
    }

    /** POST /{path}/listeners. */
    public ObjectNode createListener(String path, ObjectNode body) {
        String p = QvarnValues.pathName(path);
        return resource("POST", "/" + p + "/listeners", "/" + p + "/listeners", body);
    }

    /** GET /{path}/listeners/{listenerId}. */
    public ObjectNode getListener(String path, String listenerId) {
        String p = QvarnValues.pathName(path);
        return resource("GET", "/" + p + "/listeners/" + segment(listenerId), "/" + p + "/listeners/{lid}", null);
    }

    /** PUT /{path}/listeners/{listenerId}; fetches the revision when the body has none. */
    public ObjectNode updateListener(String path, String listenerId, ObjectNode body) {
        String p = QvarnValues.pathName(path);
        ObjectNode sent = withRevision(body, "/" + p + "/listeners/" + segment(listenerId),
                () -> getListener(p, listenerId));
        return resource("PUT", "/" + p + "/listeners/" + segment(listenerId), "/" + p + "/listeners/{lid}", sent);
    }

    /** DELETE /{path}/listeners/{listenerId} (and all its notifications). */
    public void deleteListener(String path, String listenerId) {
        String p = QvarnValues.pathName(path);
        send("DELETE", "/" + p + "/listeners/" + segment(listenerId), "/" + p + "/listeners/{lid}", null, true);
    }

    /** GET /{path}/listeners. */
    public List<String> listListeners(String path) {
        String p = QvarnValues.pathName(path);
        return ids("/" + p + "/listeners", "/" + p + "/listeners");
    }

    /** GET /{path}/listeners/{listenerId}/notifications: ids, oldest first. */
    public List<String> listNotificationIds(String path, String listenerId) {
        String p = QvarnValues.pathName(path);
        return ids("/" + p + "/listeners/" + segment(listenerId) + "/notifications",
                "/" + p + "/listeners/{lid}/notifications");
    }

    /** GET one notification; {@link QvarnNotFoundException} when it is gone. */
    public ObjectNode getNotification(String path, String listenerId, String notificationId) {
        String p = QvarnValues.pathName(path);
        return object("GET", notificationPath(p, listenerId, notificationId),
                "/" + p + "/listeners/{lid}/notifications/{nid}", null);
    }

    /** DELETE one notification (200 even when already gone). */
    public void deleteNotification(String path, String listenerId, String notificationId) {
        String p = QvarnValues.pathName(path);
        send("DELETE", notificationPath(p, listenerId, notificationId),
                "/" + p + "/listeners/{lid}/notifications/{nid}", null, true);
    }

    /** GET /version (no token needed). */
    public JsonNode version() {
        return parse("GET", "/version", send("GET", "/version", "/version", null, false));
    }

    /** Stops the bulk threads (when the client made them) and closes the connection pool. */
    @Override
    public void close() {
        if (ownsBulk) {
            bulk.shutdownNow();
        }
        transport.close();
    }

    static String baseOf(QvarnClientSettings settings) {
        String base = settings.baseUrl().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static String notificationPath(String p, String listenerId, String notificationId) {
        return "/" + p + "/listeners/" + segment(listenerId) + "/notifications/" + segment(notificationId);
    }

    private static String segment(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an id is empty");
        }
        return QvarnValues.quote(id);
    }

    /** A copy of {@code body} that carries a revision: its own, or the one a GET of {@code path} answers. */
    private static ObjectNode withRevision(ObjectNode body, String path, Supplier<ObjectNode> current) {
        ObjectNode copy = body.deepCopy();
        JsonNode revision = copy.get("revision");
        if (revision == null || revision.isNull()) {
            JsonNode fetched = current.get().get("revision");
            if (fetched == null || !fetched.isTextual()) {
                throw unexpected(200, "GET", path, "a resource without a revision");
            }
            copy.put("revision", fetched.textValue());
        }
        return copy;
    }

    private List<String> ids(String path, String route) {
        List<String> ids = new ArrayList<>();
        for (ObjectNode entry : resources(path, route)) {
            ids.add(idOf(entry, "GET", path));
        }
        return ids;
    }

    /** The entries of a listing or search; Qvarn gives each its id, whatever else it shows. */
    private List<ObjectNode> resources(String path, String route) {
        ObjectNode answer = object("GET", path, route, null);
        JsonNode resources = answer.get("resources");
        if (resources == null || !resources.isArray()) {
            throw unexpected(200, "GET", path, "an answer without a 'resources' list");
        }
        List<ObjectNode> entries = new ArrayList<>(resources.size());
        for (JsonNode entry : resources) {
            if (!entry.isObject()) {
                throw unexpected(200, "GET", path, "a 'resources' entry that is not an object");
            }
            idOf((ObjectNode) entry, "GET", path);
            entries.add((ObjectNode) entry);
        }
        return entries;
    }

    private static String idOf(ObjectNode entry, String method, String path) {
        JsonNode id = entry.get("id");
        if (id == null || !id.isTextual()) {
            throw unexpected(200, method, path, "a 'resources' entry without an id");
        }
        return id.textValue();
    }

    /**
     * A resource (or listener) Qvarn answers: an object with a textual id, which every caller reads; a proxy's
     * or a broken Qvarn's 200 without one fails here, naming the request, not later as a NullPointerException
     * far from it (or, worse, as a listener whose id is the number 7).
     */
    private ObjectNode resource(String method, String path, String route, ObjectNode body) {
        ObjectNode answer = object(method, path, route, body);
        JsonNode id = answer.get("id");
        if (id == null || !id.isTextual()) {
            throw unexpected(200, method, path, "a resource without an id");
        }
        return answer;
    }

    private ObjectNode object(String method, String path, String route, ObjectNode body) {
        JsonNode answer = parse(method, path, send(method, path, route, body, true));
        if (!answer.isObject()) {
            throw unexpected(200, method, path, "a JSON " + answer.getNodeType() + " instead of an object");
        }
        return (ObjectNode) answer;
    }

    private JsonNode parse(String method, String path, QvarnTransport.Response response) {
        try {
            JsonNode node = response.body().length == 0 ? null : json.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw unexpected(response.status(), method, path, "an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new QvarnException(response.status(), method, path, null,
                    method + " " + path + ": " + response.status() + " answer is not JSON ("
                            + response.contentType() + ")", e);
        }
    }

    /**
     * One request, with the token and one retry on 401; returns a 2xx answer or throws the mapped error.
     */
    private QvarnTransport.Response send(String method, String path, String route, ObjectNode body,
                                         boolean authenticated) {
        byte[] payload = body == null ? null : serialize(body);
        String routeName = method + " " + route;
        String token = authenticated && tokens != null ? tokens.token() : null;
        QvarnTransport.Response response = transport.exchange(request(method, path, payload, token), path, routeName);
        if (response.status() == 401 && token != null) {
            tokens.invalidate(token);
            token = tokens.token();
            response = transport.exchange(request(method, path, payload, token), path, routeName);
        }
        if (response.status() < 200 || response.status() > 299) {
            throw QvarnErrors.forStatus(json, method, path, response);
        }
        return response;
    }

    /**
     * The request for {@code path} (already percent-encoded); built from the parsed base URL, since parsing
     * a URI per request cost a noticeable share of the worker's CPU.
     */
    private ClassicHttpRequest request(String method, String path, byte[] payload, String token) {
        AbortableRequest request = new AbortableRequest(method, host, basePath + path);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        if (token != null) {
            request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (payload != null) {
            request.setEntity(new ByteArrayEntity(payload, JSON));
        }
        return request;
    }

    private byte[] serialize(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise a request body", e);
        }
    }

    private static QvarnException unexpected(int status, String method, String path, String what) {
        return new QvarnException(status, method, path, null,
                method + " " + path + ": " + status + " unexpected answer: " + what, null);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "qvarn-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
