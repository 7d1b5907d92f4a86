package org.qvarnmr.camel.qvarn.server;

import java.time.Duration;
import java.util.Objects;
import org.qvarnmr.camel.qvarn.server.http.Endpoint;

/**
 * Emulated server-side latency per request class, and how many resource requests are served at
 * once. This is a model of a database-backed Qvarn, not a measurement of this server; the server
 * sleeps the modelled time while holding one of {@code maxConcurrent} permits. {@code /version}
 * and {@code /auth/token} are neither delayed nor bounded.
 *
 * @param getById GET of a resource, subresource, file, listener or notification
 * @param list GET of a collection, the listeners or a listener's notifications
 * @param search GET of a search
 * @param post POST of a resource or listener
 * @param put PUT of a resource, subresource, file or listener
 * @param delete DELETE of a resource, listener or notification
 * @param maxConcurrent at most this many requests are served at once (fairly queued); 0 = unbounded
 */
public record LatencyModel(Duration getById, Duration list, Duration search, Duration post, Duration put,
        Duration delete, int maxConcurrent) {

    /** No delay, no bound. */
    public static final LatencyModel NONE = new LatencyModel(Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    /**
     * A model of a measured Qvarn 0.82 on PostgreSQL under uWSGI: GET by id 1.4 ms, list 5 ms,
     * search 10 ms, POST 13 ms, PUT 12 ms, DELETE 12 ms, and 4 requests served at once (the
     * worker processes). Use it to see how a client behaves against a slow server.
     */
    public static final LatencyModel QVARN_082_POSTGRES = new LatencyModel(Duration.ofNanos(1_400_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(13), Duration.ofMillis(12),
            Duration.ofMillis(12), 4);

    public LatencyModel {
        for (Duration d : new Duration[] {getById, list, search, post, put, delete}) {
            Objects.requireNonNull(d, "latency durations must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + d);
            }
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 0, got " + maxConcurrent);
        }
    }

    /** The modelled time of one request. */
    Duration delay(Endpoint endpoint, String method) {
        return switch (method) {
            case "GET", "HEAD" -> switch (endpoint) {
                case COLLECTION, LISTENERS, NOTIFICATIONS -> list;
                case SEARCH -> search;
                case VERSION, TOKEN -> Duration.ZERO;
                default -> getById;
            };
            case "POST" -> endpoint == Endpoint.TOKEN ? Duration.ZERO : post;
            case "PUT" -> put;
            case "DELETE" -> delete;
            default -> Duration.ZERO;
        };
    }
}
