package org.qvarnmr.camel.bench;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * How many of the worker's requests were in flight, by phase of its work: per phase, the sum of its requests'
 * durations over the time during which at least one of them was in flight (Little's law over the phase's busy
 * time). A phase that keeps {@code qvarn.threads} requests in flight shows that number; one that sends them one
 * at a time shows 1. Each request is seen as the worker's own client timed it (the {@code qvarnmr.qvarn.requests}
 * timer, recorded when the answer arrived), so the figure is the same against any server.
 */
final class InFlight {
    private static final String TIMER = "qvarnmr.qvarn.requests";

    /** The phases, told apart by the request's method and route template. */
    enum Phase {
        NOTIFICATION_READS("notification lists and reads (poll)"),
        READS_BY_ID("resource reads by id (map: the changed sources)"),
        MAP_ROW_WRITES("map row writes (map, row moves)"),
        SEARCHES("searches (key rows, a changed source's old rows)"),
        REDUCE_WRITES("reduce row writes (reduce)"),
        NOTIFICATION_DELETES("notification deletes (acknowledgement)"),
        STATE("state records and tokens (start-up, keep-alive)");

        final String label;

        Phase(String label) {
            this.label = label;
        }

        /**
         * {@code route} as the client names it: {@code "GET /reports/{id}"}, {@code "POST /company_reports__map"};
         * its method and whether it is a search as {@link RequestKind} reads them.
         */
        static Phase of(String route) {
            RequestKind kind = RequestKind.of(route);
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.contains("/listeners")) {
                return kind == RequestKind.DELETE && path.contains("/notifications/") ? NOTIFICATION_DELETES
                        : kind == RequestKind.GET ? NOTIFICATION_READS : STATE;
            }
            String type = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : path;
            if (kind == RequestKind.OTHER || type.startsWith("qvarnmr_")) { // OTHER: the token requests
                return STATE;
            }
            if (kind == RequestKind.SEARCH) {
                return SEARCHES;
            }
            if (kind == RequestKind.GET) {
                return READS_BY_ID;
            }
            // The worker writes no source: a write is a map row's or a reduce row's.
            return type.endsWith("__map") ? MAP_ROW_WRITES : REDUCE_WRITES;
        }
    }

    /** One phase's figures. */
    record Row(Phase phase, long requests, double busySeconds, double activeSeconds) {
        /** Mean requests in flight while the phase had any. */
        double mean() {
            return activeSeconds > 0 ? busySeconds / activeSeconds : Double.NaN;
        }
    }

    private final Map<Phase, Queue<long[]>> intervals = new EnumMap<>(Phase.class);

    InFlight() {
        for (Phase phase : Phase.values()) {
            intervals.put(phase, new ConcurrentLinkedQueue<>());
        }
    }

    /** A registry to compose beside the worker's: it hands each request of the worker's client to this. */
    SimpleMeterRegistry registry() {
        return new SimpleMeterRegistry() {
            @Override
            protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
                if (!TIMER.equals(id.getName()) || id.getTag("route") == null) {
                    return super.newTimer(id, config, pauseDetector);
                }
                Phase phase = Phase.of(id.getTag("route"));
                return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit()) {
                    @Override
                    protected void recordNonNegative(long amount, TimeUnit unit) {
                        super.recordNonNegative(amount, unit);
                        InFlight.this.record(phase, System.nanoTime(), unit.toNanos(amount));
                    }
                };
            }
        };
    }

    void record(Phase phase, long endNanos, long durationNanos) {
        intervals.get(phase).add(new long[] {endNanos - durationNanos, endNanos});
    }

    /** The phases that sent requests, in the order above. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        intervals.forEach((phase, queue) -> {
            List<long[]> sorted = new ArrayList<>(queue);
            if (sorted.isEmpty()) {
                return;
            }
            sorted.sort(Comparator.comparingLong(i -> i[0]));
            long busy = 0;
            long active = 0;
            long start = sorted.get(0)[0];
            long end = sorted.get(0)[1];
            for (long[] interval : sorted) {
                busy += interval[1] - interval[0];
                if (interval[0] > end) { // a gap: the phase had nothing in flight
                    active += end - start;
                    start = interval[0];
                }
                end = Math.max(end, interval[1]);
            }
            active += end - start;
            rows.add(new Row(phase, sorted.size(), busy / 1e9, active / 1e9));
        });
        return rows;
    }
}
