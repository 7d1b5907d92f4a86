package org.qvarnmr.camel.qvarn.server;

import java.time.Duration;
import java.util.Objects;
import org.qvarnmr.camel.qvarn.server.http.Endpoint;

/**
 * Emulated server-side time per request kind, and how many resource requests are served at once.
 * This is a model of a database-backed Qvarn, not a measurement of this server: the server holds
 * one of {@code maxConcurrent} permits (fairly queued, like requests waiting for a free uWSGI
 * process), answers the request, then sleeps the modelled time, which for a search grows with the
 * rows it returns. {@code /version} and {@code /auth/token} are neither delayed nor bounded.
 *
 * @param getById GET of a resource, subresource, file or listener
 * @param list GET of a collection or the listeners
 * @param search GET of a search, the fixed part
 * @param searchPerRow GET of a search, added per resource it returns
 * @param post POST of a resource or listener
 * @param put PUT of a resource, subresource, file or listener
 * @param delete DELETE of a resource or listener
 * @param notificationList GET of a listener's notifications
 * @param notificationGet GET of one notification
 * @param notificationDelete DELETE of one notification
 * @param maxConcurrent at most this many requests are served at once (fairly queued); 0 = unbounded
 */
public record LatencyModel(Duration getById, Duration list, Duration search, Duration searchPerRow, Duration post,
        Duration put, Duration delete, Duration notificationList, Duration notificationGet,
        Duration notificationDelete, int maxConcurrent) {

    /** No delay, no bound. */
    public static final LatencyModel NONE = new LatencyModel(Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    /**
     * The first, uncalibrated model (kept for comparison as {@code qvarn-0.82-postgres-old}): GET by
     * id 1.4 ms, list 5 ms, search 10 ms, POST 13 ms, PUT 12 ms, DELETE 12 ms, 4 requests at once.
     * Against the real server it overstated the incremental speed more than twofold (issue 12).
     */
    public static final LatencyModel QVARN_082_POSTGRES_OLD = new LatencyModel(Duration.ofNanos(1_400_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(13), Duration.ofMillis(12),
            Duration.ofMillis(12), 4);

    /**
     * Qvarn 0.82 on PostgreSQL under uWSGI (4 single-threaded processes) sharing an otherwise idle 2-core
     * machine with the worker, calibrated from the real server's access log: the mean server time per
     * request kind in the real incremental run of 2026-12-03 13:39 UTC (load 1.3 to 3.5) and the resync
     * and mixed runs after it (docs/benchmark-results.md shows the figures and the check against other
     * runs). A search costs 25 ms plus 0.35 ms per returned row (searches of 0-10 rows took 27-30 ms,
     * the resync's pages of 500 rows about 210 ms). A resource DELETE, seen only in the mixed run, cost
     * what a PUT does.
     */
    public static final LatencyModel QVARN_082_POSTGRES = new LatencyModel(ms(15), ms(16), ms(25),
            Duration.ofNanos(350_000), ms(33), ms(40), ms(40), ms(100), ms(14), ms(13), 4);

    public LatencyModel {
        for (Duration d : new Duration[] {getById, list, search, searchPerRow, post, put, delete, notificationList,
                notificationGet, notificationDelete}) {
            Objects.requireNonNull(d, "latency durations must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + d);
            }
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 0, got " + maxConcurrent);
        }
    }

    /** A model without a per-row part whose notification requests cost what other gets, lists and deletes cost. */
    public LatencyModel(Duration getById, Duration list, Duration search, Duration post, Duration put,
            Duration delete, int maxConcurrent) {
        this(getById, list, search, Duration.ZERO, post, put, delete, list, getById, delete, maxConcurrent);
    }

    /** Whether the time of a request depends on its answer (so the server must count the rows). */
    boolean chargesRows() {
        return !searchPerRow.isZero();
    }

    /** The modelled time of one request whose answer holds {@code rows} resources (0 when not counted). */
    Duration delay(Endpoint endpoint, String method, int rows) {
        return switch (method) {
            case "GET", "HEAD" -> switch (endpoint) {
                case COLLECTION, LISTENERS -> list;
                case NOTIFICATIONS -> notificationList;
                case NOTIFICATION -> notificationGet;
                case SEARCH -> search.plus(searchPerRow.multipliedBy(rows));
                case VERSION, TOKEN -> Duration.ZERO;
                default -> getById;
            };
            case "POST" -> endpoint == Endpoint.TOKEN ? Duration.ZERO : post;
            case "PUT" -> put;
            case "DELETE" -> endpoint == Endpoint.NOTIFICATION ? notificationDelete : delete;
            default -> Duration.ZERO;
        };
    }

    /** One line naming every constant, for a benchmark's report. */
    public String describe() {
        return "GET by id " + text(getById) + ", list " + text(list) + ", search " + text(search) + " + "
                + text(searchPerRow) + " per returned row, POST " + text(post) + ", PUT " + text(put) + ", DELETE "
                + text(delete) + ", notifications: list " + text(notificationList) + ", GET " + text(notificationGet)
                + ", DELETE " + text(notificationDelete) + "; " + maxConcurrent + " requests served at once";
    }

    private static String text(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

}
