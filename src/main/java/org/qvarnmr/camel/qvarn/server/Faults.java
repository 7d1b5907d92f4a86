package org.qvarnmr.camel.qvarn.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Fault injection for reliability tests. Two families: faults before a request ({@link #failNext},
 * {@link #failMatching}, {@link #failRandomly}, {@link #refuseConnectionsFor}, {@link #latency}), whose
 * request is <b>not performed</b>, and ambiguous faults after it ({@link #loseRepliesRandomly},
 * {@link #failAfterPerformingRandomly}, {@link #loseReplyMatching}, {@link #failAfterPerformingMatching}),
 * whose request <b>is performed</b> (stored, notifications sent) before its answer is lost or replaced by
 * a 5xx, as when a connection breaks or a proxy times out after Qvarn committed. Failed answers are HTML
 * pages, like those of a proxy in front of Qvarn. All methods are thread-safe.
 */
public final class Faults {
    /** What an injected fault did; {@link #injected(Kind)} counts each. */
    public enum Kind {
        /** Answered an error status; not performed. */
        FAILED,
        /** Connection closed without an answer; not performed. */
        REFUSED,
        /** Delayed by {@link #latency}. */
        DELAYED,
        /** Performed, then the connection closed without an answer. */
        PERFORMED_REPLY_LOST,
        /** Performed, then answered an error status instead of its own answer. */
        PERFORMED_THEN_FAILED,
        /** Held by {@link #holdEvery} until released, then closed without an answer; not performed. */
        HELD
    }

    /** Status code {@link #afterPerforming} returns for "drop the connection without an answer". */
    static final int LOSE_REPLY = 0;

    private final AtomicLong injected = new AtomicLong();
    private final Map<Kind, AtomicLong> byKind = new EnumMap<>(Kind.class);
    private final List<AfterRule> afterRules = new ArrayList<>();
    private Predicate<String> failEvery;
    private int failEveryStatus;
    private Predicate<String> holdRequests;
    private CountDownLatch holdRelease = new CountDownLatch(0);
    private final AtomicInteger holding = new AtomicInteger();
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
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new AtomicLong());
        }
    }

    /**
     * A fault applied after a request was performed with a 2xx answer: either by aim ({@code route},
     * {@code skip}, {@code count}) or at random ({@code requests}, {@code rate}, {@code random}).
     */
    private static final class AfterRule {
        private final String route;
        private final Predicate<String> requests;
        private final double rate;
        private final Random random;
        private final int status;
        private int skip;
        private int count;

        private AfterRule(String route, Predicate<String> requests, double rate, Random random, int status, int skip,
                int count) {
            this.route = route;
            this.requests = requests;
            this.rate = rate;
            this.random = random;
            this.status = status;
            this.skip = skip;
            this.count = count;
        }

        /** Whether this rule hits the request {@code "METHOD /template"}; called under the Faults lock. */
        private boolean hits(String request) {
            if (route != null) {
                if (!route.equals(request)) {
                    return false;
                }
                if (skip > 0) {
                    skip--;
                    return false;
                }
                if (count > 0) {
                    count--;
                    return true;
                }
                return false;
            }
            return requests.test(request) && random.nextDouble() < rate;
        }
    }

    /**
     * Of the requests {@code requests} accepts (it sees {@code "METHOD /route/template"}, e.g.
     * {@code "POST /reports_counts__map"}), each that succeeds is, with probability {@code rate}, performed
     * and then answered by closing the connection; repeatable by seed. Adds to the other rules.
     */
    public synchronized void loseRepliesRandomly(double rate, long seed, Predicate<String> requests) {
        afterRules.add(new AfterRule(null, Objects.requireNonNull(requests, "requests"), checkRate(rate),
                new Random(seed), LOSE_REPLY, 0, 0));
    }

    /** Like {@link #loseRepliesRandomly}, but the performed request is answered {@code status} (a 5xx). */
    public synchronized void failAfterPerformingRandomly(double rate, long seed, int status,
            Predicate<String> requests) {
        afterRules.add(new AfterRule(null, Objects.requireNonNull(requests, "requests"), checkRate(rate),
                new Random(seed + 1), checkServerError(status), 0, 0));
    }

    /**
     * Of the coming successful requests with this method and route template, the first {@code skip} pass
     * and the {@code count} after them are performed, then answered by closing the connection.
     */
    public synchronized void loseReplyMatching(String method, String routeTemplate, int skip, int count) {
        afterRules.add(new AfterRule(route(method, routeTemplate), null, 0, null, LOSE_REPLY, checkCount(skip),
                checkCount(count)));
    }

    /** Like {@link #loseReplyMatching}, but the performed requests are answered {@code status} (a 5xx). */
    public synchronized void failAfterPerformingMatching(String method, String routeTemplate, int skip, int count,
            int status) {
        afterRules.add(new AfterRule(route(method, routeTemplate), null, 0, null, checkServerError(status),
                checkCount(skip), checkCount(count)));
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
        failRoute = route(method, routeTemplate);
        failRouteSkip = skip;
        failRouteCount = count;
        failRouteStatus = checkStatus(status);
    }

    /**
     * Every coming request that {@code requests} accepts (it sees {@code "METHOD /route/template"}) answers
     * {@code status} and is not performed, until {@link #clear()}; e.g. every notification DELETE, to stop a
     * worker after its writes and before its acknowledgements.
     */
    public synchronized void failEvery(int status, Predicate<String> requests) {
        failEveryStatus = checkStatus(status);
        failEvery = Objects.requireNonNull(requests, "requests");
    }

    /**
     * Every coming request that {@code requests} accepts waits, not performed, until {@link #releaseHeld()} or
     * {@link #clear()}; then its connection closes without an answer. Stops a client exactly before a chosen
     * request however slow the machine is: wait until {@link #held()} is positive, then kill the client.
     */
    public synchronized void holdEvery(Predicate<String> requests) {
        holdRequests = Objects.requireNonNull(requests, "requests");
        holdRelease = new CountDownLatch(1);
    }

    /** How many requests {@link #holdEvery} holds at this moment. */
    public int held() {
        return holding.get();
    }

    /** Lets every held request go (closed without an answer, not performed) and holds no more. */
    public synchronized void releaseHeld() {
        holdRequests = null;
        holdRelease.countDown();
    }

    /**
     * Each request (except {@code /auth/token} and {@code /version}) fails with probability
     * {@code rate}, answering one of {@code statuses} (503 if none given); repeatable by seed.
     * A rate of 0 turns it off.
     */
    public synchronized void failRandomly(double rate, long seed, int... statuses) {
        checkRate(rate);
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

    /** How many requests got a fault so far (each refused, failed, delayed or ambiguous request counts once per fault). */
    public long injected() {
        return injected.get();
    }

    /** How many faults of this kind were injected so far. */
    public long injected(Kind kind) {
        return byKind.get(kind).get();
    }

    /** Turns every fault off; {@link #injected()} keeps counting from where it is. */
    public synchronized void clear() {
        failNextCount = 0;
        failRate = 0;
        failRandom = null;
        failStatuses = new int[0];
        failRoute = null;
        failEvery = null;
        afterRules.clear();
        releaseHeld();
        extraLatency = Duration.ZERO;
        refusing = false;
    }

    boolean refuseNow() {
        if (refusing && System.nanoTime() - refuseUntilNanos < 0) {
            count(Kind.REFUSED);
            return true;
        }
        return false;
    }

    Duration extraLatency() {
        Duration extra = extraLatency;
        if (!extra.isZero()) {
            count(Kind.DELAYED);
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
                count(Kind.FAILED);
                return OptionalInt.of(failRouteStatus);
            }
        }
        if (failEvery != null && failEvery.test(method + " " + routeTemplate)) {
            count(Kind.FAILED);
            return OptionalInt.of(failEveryStatus);
        }
        if (failNextCount > 0) {
            failNextCount--;
            count(Kind.FAILED);
            return OptionalInt.of(failNextStatus);
        }
        if (failRate > 0 && failRandom.nextDouble() < failRate) {
            count(Kind.FAILED);
            return OptionalInt.of(failStatuses[failRandom.nextInt(failStatuses.length)]);
        }
        return OptionalInt.empty();
    }

    /** Blocks a request {@link #holdEvery} accepts until released; true when it was held (and must be dropped). */
    boolean holdNow(String method, String routeTemplate) throws InterruptedException {
        CountDownLatch release;
        synchronized (this) {
            if (holdRequests == null || !holdRequests.test(method + " " + routeTemplate)) {
                return false;
            }
            release = holdRelease;
            count(Kind.HELD);
        }
        holding.incrementAndGet();
        try {
            release.await();
        } finally {
            holding.decrementAndGet();
        }
        return true;
    }

    /**
     * For a request that was just performed with a 2xx answer: empty to send that answer, else the status
     * to answer instead, {@link #LOSE_REPLY} meaning "close the connection without an answer".
     */
    synchronized OptionalInt afterPerforming(String method, String routeTemplate) {
        String request = method + " " + routeTemplate;
        for (AfterRule rule : afterRules) {
            if (rule.hits(request)) {
                count(rule.status == LOSE_REPLY ? Kind.PERFORMED_REPLY_LOST : Kind.PERFORMED_THEN_FAILED);
                return OptionalInt.of(rule.status);
            }
        }
        return OptionalInt.empty();
    }

    private void count(Kind kind) {
        injected.incrementAndGet();
        byKind.get(kind).incrementAndGet();
    }

    private static String route(String method, String routeTemplate) {
        return Objects.requireNonNull(method, "method") + " " + Objects.requireNonNull(routeTemplate, "routeTemplate");
    }

    private static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
        }
        return rate;
    }

    private static int checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("skip and count must be >= 0, got " + n);
        }
        return n;
    }

    private static int checkServerError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a performed request's injected status must be a 5xx, got " + status);
        }
        return status;
    }

    private static int checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be within 200..599, got " + status);
        }
        return status;
    }
}
