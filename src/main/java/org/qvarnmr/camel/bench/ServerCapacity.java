package org.qvarnmr.camel.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * The server's capacity per request kind: GET of a report by id, a search of reports by org, POST, PUT and
 * DELETE of a report, each at concurrency 1, 2, 4, ... up to {@code maxConcurrency}; every cell is bounded by
 * a request count and a time. PUT and DELETE work on reports the POST cells created (each PUT a different one,
 * with its revision, so none conflicts); a DELETE cell ends early when they run out.
 */
final class ServerCapacity {
    /** Requests/s by kind and concurrency. */
    record Table(Map<RequestKind, TreeMap<Integer, Double>> rates) {
        Map<RequestKind, Double> best() {
            Map<RequestKind, Double> best = new EnumMap<>(RequestKind.class);
            rates.forEach((kind, byConcurrency) -> byConcurrency.values().stream().filter(r -> r > 0)
                    .max(Double::compare).ifPresent(r -> best.put(kind, r)));
            return best;
        }
    }

    private final QvarnClient client;
    private final int maxConcurrency;
    private final int requestsPerCell;
    private final long millisPerCell;

    ServerCapacity(QvarnClient client, int maxConcurrency, int requestsPerCell, long millisPerCell) {
        this.client = client;
        this.maxConcurrency = maxConcurrency;
        this.requestsPerCell = requestsPerCell;
        this.millisPerCell = millisPerCell;
    }

    /** 1, 2, 4, ... below {@code max}, then {@code max}. */
    static List<Integer> concurrencies(int max) {
        List<Integer> levels = new ArrayList<>();
        for (int c = 1; c < max; c *= 2) {
            levels.add(c);
        }
        levels.add(max);
        return levels;
    }

    /** Measures every cell on the (fresh) Qvarn: a few orgs and reports are written first for GET and search. */
    Table measure() throws Exception {
        Workload seed = new Workload();
        seed.writeOrgs(client, 10, Measurements.SEED_THREADS);
        seed.writeReports(client, 90, Measurements.SEED_THREADS);
        List<String> reports = List.copyOf(seed.reportOrg().keySet());
        List<String> orgs = List.copyOf(seed.orgIds());
        Queue<ObjectNode> written = new ConcurrentLinkedQueue<>();
        Queue<String> deletable = new ConcurrentLinkedQueue<>();
        AtomicInteger serial = new AtomicInteger();
        Map<RequestKind, TreeMap<Integer, Double>> rates = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : List.of(RequestKind.GET, RequestKind.SEARCH, RequestKind.POST, RequestKind.PUT,
                RequestKind.DELETE)) {
            for (int c : concurrencies(maxConcurrency)) {
                Runnable call = switch (kind) {
                    case GET -> () -> client.get("reports", reports.get(serial.getAndIncrement() % reports.size()));
                    case SEARCH -> () -> client.search(Search.on("reports")
                            .exact("org", orgs.get(serial.getAndIncrement() % orgs.size())));
                    case POST -> () -> {
                        ObjectNode created = client.create("reports", Workload.report(orgs.get(0), serial.getAndIncrement()));
                        written.add(created);
                        deletable.add(created.get("id").asText());
                    };
                    case PUT -> () -> {
                        ObjectNode current = written.poll();
                        if (current == null) {
                            throw new NoMoreResources();
                        }
                        ObjectNode body = current.deepCopy();
                        body.put("report_type", "probe-" + serial.getAndIncrement());
                        written.add(client.update("reports", current.get("id").asText(), body));
                    };
                    case DELETE -> () -> {
                        String id = deletable.poll();
                        if (id == null) {
                            throw new NoMoreResources();
                        }
                        client.delete("reports", id);
                    };
                    case OTHER -> throw new IllegalArgumentException("no probe for OTHER");
                };
                rates.computeIfAbsent(kind, k -> new TreeMap<>()).put(c, cell(c, call));
            }
        }
        return new Table(rates);
    }

    /** Requests/s of {@code call} with {@code concurrency} callers, until the cell's count or time is used up. */
    private double cell(int concurrency, Runnable call) throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + millisPerCell * 1_000_000L;
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                callers.add(pool.submit(() -> {
                    while (started.getAndIncrement() < requestsPerCell && System.nanoTime() < deadline) {
                        try {
                            call.run();
                        } catch (NoMoreResources e) {
                            return null;
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : callers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return done.get() == 0 ? Double.NaN : done.get() / seconds;
    }

    /** A PUT or DELETE cell found no report left to work on. */
    private static final class NoMoreResources extends RuntimeException {
        NoMoreResources() {
            super(null, null, false, false);
        }
    }
}
