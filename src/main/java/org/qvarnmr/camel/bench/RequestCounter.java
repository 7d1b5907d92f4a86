package org.qvarnmr.camel.bench;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.qvarnmr.camel.qvarn.client.QvarnRequestListener;

/**
 * Counts one client's requests by method and route template (e.g. {@code GET /orgs/search}), the same
 * keys the embedded server's {@code RequestStats} uses, so the two can be subtracted.
 */
final class RequestCounter implements QvarnRequestListener {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void onRequest(String method, String route, int status, long nanos) {
        String key = route.startsWith(method + " ") ? route : method + " " + route;
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counts.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        return snapshot;
    }
}
