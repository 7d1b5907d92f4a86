package org.qvarnmr.camel.qvarn.server;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe request counters by route template, e.g. {@code "GET /orgs/{id}"},
 * {@code "GET /orgs/search"}, {@code "POST /auth/token"}. Every received request counts, also
 * those answered with an error or an injected fault; requests whose path matches no route count
 * under {@code "<METHOD> (unmatched)"}.
 */
public final class RequestStats {
    static final String UNMATCHED = "(unmatched)";

    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger maxServing = new AtomicInteger();

    RequestStats() {
    }

    public long total() {
        return total.sum();
    }

    /** @param routeTemplate e.g. {@code /orgs/{id}}, {@code /orgs/search}, {@code /orgs/listeners/{lid}} */
    public long count(String method, String routeTemplate) {
        LongAdder adder = counts.get(method + " " + routeTemplate);
        return adder == null ? 0 : adder.sum();
    }

    public SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counts.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        return snapshot;
    }

    /**
     * The most resource requests (all but {@code /version} and {@code /auth/token}) that were
     * being served at the same moment since the last reset; bounded by the latency model.
     */
    public int maxConcurrent() {
        return maxServing.get();
    }

    public void reset() {
        total.reset();
        counts.clear();
        maxServing.set(serving.get());
    }

    void record(String method, String routeTemplate) {
        total.increment();
        String key = method + " " + (routeTemplate == null ? UNMATCHED : routeTemplate);
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void enter() {
        int now = serving.incrementAndGet();
        maxServing.accumulateAndGet(now, Math::max);
    }

    void exit() {
        serving.decrementAndGet();
    }
}
