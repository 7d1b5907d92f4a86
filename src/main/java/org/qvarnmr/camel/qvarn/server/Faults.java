package org.qvarnmr.camel.qvarn.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for reliability tests. A request that gets a fault is not performed. Failed
 * answers are HTML pages, like those of a proxy in front of Qvarn. All methods are thread-safe.
 */
public final class Faults {
    private final AtomicLong injected = new AtomicLong();
    private int failNextCount;
    private int failNextStatus;
    private double failRate;
    private Random failRandom;
    private int[] failStatuses = new int[0];
    private String failRoute;
    private int failRouteSkip;
    private int failRouteCount;
    private int failRouteStatus;
    private volatile Duration extraLatency = Duration.ZERO;
    private volatile long refuseUntilNanos;
    private volatile boolean refusing;

    Faults() {
    }

    /** The next {@code count} requests, except {@code /auth/token} and {@code /version}, answer {@code status}. */
    public synchronized void failNext(int count, int status) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        failNextCount = count;
        failNextStatus = checkStatus(status);
    }

    /**
     * Of the coming requests with this method and route template (as {@link RequestStats} names them, e.g.
     * {@code DELETE /reports/listeners/{lid}/notifications/{nid}}), the first {@code skip} pass and the
     * {@code count} after them answer {@code status}. Unlike {@link #failNext}, which request fails does not
     * depend on timing, so a test can aim at one request in the middle of a pass.
     */
    public synchronized void failMatching(String method, String routeTemplate, int skip, int count, int status) {
        if (skip < 0 || count < 0) {
            throw new IllegalArgumentException("skip and count must be >= 0, got " + skip + " and " + count);
        }
        failRoute = Objects.requireNonNull(method, "method") + " " + Objects.requireNonNull(routeTemplate, "routeTemplate");
        failRouteSkip = skip;
        failRouteCount = count;
        failRouteStatus = checkStatus(status);
    }

    /**
     * Each request (except {@code /auth/token} and {@code /version}) fails with probability
     * {@code rate}, answering one of {@code statuses} (503 if none given); repeatable by seed.
     * A rate of 0 turns it off.
     */
    public synchronized void failRandomly(double rate, long seed, int... statuses) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
        }
        int[] chosen = statuses == null || statuses.length == 0 ? new int[] {503} : statuses.clone();
        Arrays.stream(chosen).forEach(Faults::checkStatus);
        failRate = rate;
        failRandom = new Random(seed);
        failStatuses = chosen;
    }

    /** Extra delay before every request, on top of the latency model; zero turns it off. */
    public void latency(Duration extra) {
        Objects.requireNonNull(extra, "extra");
        if (extra.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + extra);
        }
        extraLatency = extra;
    }

    /** For this long, every request's connection is closed without an answer. */
    public void refuseConnectionsFor(Duration duration) {
        refuseUntilNanos = System.nanoTime() + duration.toNanos();
        refusing = true;
    }

    /** How many requests got a fault so far (each refused, failed or delayed request counts once per fault). */
    public long injected() {
        return injected.get();
    }

    /** Turns every fault off; {@link #injected()} keeps counting from where it is. */
    public synchronized void clear() {
        failNextCount = 0;
        failRate = 0;
        failRandom = null;
        failStatuses = new int[0];
        failRoute = null;
        extraLatency = Duration.ZERO;
        refusing = false;
    }

    boolean refuseNow() {
        if (refusing && System.nanoTime() - refuseUntilNanos < 0) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }

    Duration extraLatency() {
        Duration extra = extraLatency;
        if (!extra.isZero()) {
            injected.incrementAndGet();
        }
        return extra;
    }

    /** The status to fail this request with, if any. */
    synchronized OptionalInt failureStatus(String method, String routeTemplate) {
        if (failRoute != null && failRoute.equals(method + " " + routeTemplate)) {
            if (failRouteSkip > 0) {
                failRouteSkip--;
            } else if (failRouteCount > 0) {
                failRouteCount--;
                injected.incrementAndGet();
                return OptionalInt.of(failRouteStatus);
            }
        }
        if (failNextCount > 0) {
            failNextCount--;
            injected.incrementAndGet();
            return OptionalInt.of(failNextStatus);
        }
        if (failRate > 0 && failRandom.nextDouble() < failRate) {
            injected.incrementAndGet();
            return OptionalInt.of(failStatuses[failRandom.nextInt(failStatuses.length)]);
        }
        return OptionalInt.empty();
    }

    private static int checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be within 200..599, got " + status);
        }
        return status;
    }
}
