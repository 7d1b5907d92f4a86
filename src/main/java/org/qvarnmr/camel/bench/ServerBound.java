package org.qvarnmr.camel.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The server's bound for a request mix: the time it needs to serve each kind's requests at that kind's best
 * measured rate (requests/s at any concurrency), summed. Kinds without a rate (OTHER: token requests) are left
 * out and counted apart.
 */
record ServerBound(Map<RequestKind, Long> counts, double seconds, long unbounded) {

    /** Requests per kind of an access log's per-route counts ({@code route -> {count, ms}}). */
    static Map<RequestKind, Long> mix(SortedMap<String, long[]> byRoute) {
        Map<RequestKind, Long> counts = new EnumMap<>(RequestKind.class);
        byRoute.forEach((route, v) -> counts.merge(RequestKind.of(route), v[0], Long::sum));
        return counts;
    }

    /** The bound of {@code counts} at the best rates {@code bestRate} (requests/s per kind). */
    static ServerBound of(Map<RequestKind, Long> counts, Map<RequestKind, Double> bestRate) {
        double seconds = 0;
        long unbounded = 0;
        for (Map.Entry<RequestKind, Long> e : counts.entrySet()) {
            Double rate = bestRate.get(e.getKey());
            if (e.getKey() == RequestKind.OTHER || rate == null || !(rate > 0)) {
                unbounded += e.getValue();
            } else {
                seconds += e.getValue() / rate;
            }
        }
        return new ServerBound(Map.copyOf(counts), seconds, unbounded);
    }

    /** The worker's wall time as a multiple of the bound (1.0: it runs at the server's pace). */
    double ratio(double wallSeconds) {
        return seconds > 0 ? wallSeconds / seconds : Double.NaN;
    }
}
