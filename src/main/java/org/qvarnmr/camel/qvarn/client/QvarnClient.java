package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A Qvarn 0.82 HTTP client: resources, search, listeners and notifications, with OAuth2 client
 * credentials. Thread-safe; one instance serves the whole worker over pooled connections.
 *
 * <p>Every {@code path} argument is a resource type's path name without the slash, e.g. {@code orgs}
 * for {@code /orgs}. Failures are {@link QvarnException} subclasses.
 */
public final class QvarnClient implements AutoCloseable {
    private final QvarnClientSettings settings;

    public QvarnClient(QvarnClientSettings settings) {
        this(settings, QvarnRequestListener.NONE);
    }

    public QvarnClient(QvarnClientSettings settings, QvarnRequestListener listener) {
        this.settings = settings;
        throw new UnsupportedOperationException("TODO");
    }

    public QvarnClientSettings settings() {
        return settings;
    }

    /** GET /{path}/{id}; {@link QvarnNotFoundException} when absent. */
    public ObjectNode get(String path, String id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /{path}/{id}, empty when Qvarn answers 404. */
    public Optional<ObjectNode> find(String path, String id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /{path}: every id of the type. */
    public List<String> listIds(String path) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GETs of many ids, concurrently within the configured bound; absent ids are left out; order kept. */
    public List<ObjectNode> getMany(String path, Collection<String> ids) {
        throw new UnsupportedOperationException("TODO");
    }

    /** POST /{path}; returns the created resource with its id and revision. */
    public ObjectNode create(String path, ObjectNode body) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * PUT /{path}/{id}. When {@code body} has no {@code revision}, the current one is fetched first
     * (as the original did). Returns the stored resource with its new revision.
     */
    public ObjectNode update(String path, String id, ObjectNode body) {
        throw new UnsupportedOperationException("TODO");
    }

    /** DELETE /{path}/{id}. */
    public void delete(String path, String id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /{path}/{id}/{subpath}. */
    public ObjectNode getSubresource(String path, String id, String subpath) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PUT /{path}/{id}/{subpath}; fetches the parent revision when the body has none. */
    public ObjectNode putSubresource(String path, String id, String subpath, ObjectNode body) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A search, answered as ids. */
    public List<String> searchIds(Search search) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A search, answered as the entries of {@code resources} (with {@code show}/{@code show_all}: fields). */
    public List<ObjectNode> search(Search search) {
        throw new UnsupportedOperationException("TODO");
    }

    /** POST /{path}/listeners. */
    public ObjectNode createListener(String path, ObjectNode body) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /{path}/listeners/{listenerId}. */
    public ObjectNode getListener(String path, String listenerId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PUT /{path}/listeners/{listenerId}; fetches the revision when the body has none. */
    public ObjectNode updateListener(String path, String listenerId, ObjectNode body) {
        throw new UnsupportedOperationException("TODO");
    }

    /** DELETE /{path}/listeners/{listenerId} (and all its notifications). */
    public void deleteListener(String path, String listenerId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /{path}/listeners. */
    public List<String> listListeners(String path) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /{path}/listeners/{listenerId}/notifications: ids, oldest first. */
    public List<String> listNotificationIds(String path, String listenerId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET one notification; {@link QvarnNotFoundException} when it is gone. */
    public ObjectNode getNotification(String path, String listenerId, String notificationId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** DELETE one notification (200 even when already gone). */
    public void deleteNotification(String path, String listenerId, String notificationId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET /version (no token needed). */
    public JsonNode version() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
