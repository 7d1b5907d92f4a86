package org.qvarnmr.camel.qvarn.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
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
 * Fault injection for reliability tests: one ordered list of rules, each a match on the request
 * ({@code "METHOD /route/template"}, e.g. {@code "POST /reports_counts__map"}) and an action, with an
 * optional skip, count, rate or deadline. Every method below adds a rule to the end of the list (except
 * {@link #latency} and {@link #failRandomly}, settings that replace their earlier rule), so two
 * {@link #failMatching} rules both apply. A request meets the rules in order at three points: on arrival
 * (refuse, delay), before it is performed (fail, hold: the request is <b>not performed</b>) and after a
 * 2xx (an ambiguous fault: the request <b>is performed</b>, stored and announced, before its answer is
 * lost or replaced by a 5xx, as when a connection breaks or a proxy times out after Qvarn committed). At
 * each point the first rule that hits decides; a delay delays and lets the later rules try. A rule with a
 * skip or count spends them only on the requests that reach it. Failed answers are HTML pages, like those
 * of a proxy in front of Qvarn. All methods are thread-safe.
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

    /** Where a request meets the rules. */
    enum Stage {
        /** Every request, before it is routed: refuse, delay. */
        ARRIVAL,
        /** A request that needs a token (not {@code /auth/token}, {@code /version}), not performed yet: fail, hold. */
        BEFORE,
        /** A request performed with a 2xx answer: lose or replace that answer. */
        AFTER
    }

    /** Status code {@link #afterPerforming} returns for "drop the connection without an answer". */
    static final int LOSE_REPLY = 0;

    private static final Predicate<String> EVERY = request -> true;

    private final AtomicLong injected = new AtomicLong();
    private final Map<Kind, AtomicLong> byKind = new EnumMap<>(Kind.class);
    /** The rules in the order they were added; guarded by {@code this}. */
    private final List<Rule> rules = new ArrayList<>();
    private final AtomicInteger holding = new AtomicInteger();

    Faults() {
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new AtomicLong());
        }
    }

    /**
     * One rule: which requests it matches at which stage, when it hits (skip the first {@code skip}, then
     * hit {@code count} times, -1 for ever; at random with {@code rate}; until {@code untilNanos}) and what
     * it does ({@code kind} with a status chosen from {@code statuses}, a {@code delay} or a {@code release}).
     */
    private static final class Rule {
        private final Stage stage;
        private final Predicate<String> requests;
        private final Kind kind;
        private final int[] statuses;
        private final Duration delay;
        private final CountDownLatch release;
        private final double rate;
        private final Random random;
        private final Long untilNanos;
        private int skip;
        private int count;

        private Rule(Stage stage, Predicate<String> requests, Kind kind, int[] statuses, Duration delay,
                CountDownLatch release, double rate, Random random, Long untilNanos, int skip, int count) {
            this.stage = stage;
            this.requests = Objects.requireNonNull(requests, "requests");
            this.kind = kind;
            this.statuses = statuses;
            this.delay = delay;
            this.release = release;
            this.rate = rate;
            this.random = random;
            this.untilNanos = untilNanos;
            this.skip = skip;
            this.count = count;
        }

        /** A rule that hits the matching requests after the first {@code skip}, {@code count} times (-1: ever). */
        static Rule aimed(Stage stage, Predicate<String> requests, Kind kind, int status, int skip, int count) {
            return new Rule(stage, requests, kind, new int[] {status}, null, null, 1, null, null, skip, count);
        }

        /** A rule that hits each matching request with probability {@code rate}, one of {@code statuses}. */
        static Rule random(Stage stage, Predicate<String> requests, Kind kind, double rate, Random random,
                int... statuses) {
            return new Rule(stage, requests, kind, statuses, null, null, rate, random, null, 0, -1);
        }

        /** Whether this rule hits the request; spends its skip and count. Called under the Faults lock. */
        boolean hits(Stage at, String request) {
            if (stage != at || !requests.test(request) || spent()) {
                return false;
            }
            if (skip > 0) {
                skip--;
                return false;
            }
            if (random != null && !(random.nextDouble() < rate)) {
                return false;
            }
            if (count > 0) {
                count--;
            }
            return true;
        }

        /** Whether this rule will never hit again. */
        boolean spent() {
            return count == 0 || untilNanos != null && System.nanoTime() - untilNanos >= 0;
        }

        int status() {
            return statuses[random == null || statuses.length == 1 ? 0 : random.nextInt(statuses.length)];
        }
    }

    /** What the first rule that hit a request does with it; {@code null} from {@link #hit} when none did. */
    record Hit(Kind kind, int status, CountDownLatch release) {
    }

    /**
     * Of the requests {@code requests} accepts, each that succeeds is, with probability {@code rate},
     * performed and then answered by closing the connection; repeatable by seed.
     */
    public synchronized void loseRepliesRandomly(double rate, long seed, Predicate<String> requests) {
        rules.add(Rule.random(Stage.AFTER, requests, Kind.PERFORMED_REPLY_LOST, checkRate(rate), new Random(seed),
                LOSE_REPLY));
    }

    /** Like {@link #loseRepliesRandomly}, but the performed request is answered {@code status} (a 5xx). */
    public synchronized void failAfterPerformingRandomly(double rate, long seed, int status,
            Predicate<String> requests) {
        rules.add(Rule.random(Stage.AFTER, requests, Kind.PERFORMED_THEN_FAILED, checkRate(rate),
                new Random(seed + 1), checkServerError(status)));
    }

    /**
     * Of the coming successful requests with this method and route template, the first {@code skip} pass
     * and the {@code count} after them are performed, then answered by closing the connection.
     */
    public synchronized void loseReplyMatching(String method, String routeTemplate, int skip, int count) {
        rules.add(Rule.aimed(Stage.AFTER, route(method, routeTemplate)::equals, Kind.PERFORMED_REPLY_LOST, LOSE_REPLY,
                checkCount(skip), checkCount(count)));
    }

    /** Like {@link #loseReplyMatching}, but the performed requests are answered {@code status} (a 5xx). */
    public synchronized void failAfterPerformingMatching(String method, String routeTemplate, int skip, int count,
            int status) {
        rules.add(Rule.aimed(Stage.AFTER, route(method, routeTemplate)::equals, Kind.PERFORMED_THEN_FAILED,
                checkServerError(status), checkCount(skip), checkCount(count)));
    }

    /** The next {@code count} requests, except {@code /auth/token} and {@code /version}, answer {@code status}. */
    public synchronized void failNext(int count, int status) {
        rules.add(Rule.aimed(Stage.BEFORE, EVERY, Kind.FAILED, checkStatus(status), 0, checkCount(count)));
    }

    /**
     * Of the coming requests with this method and route template (as {@link RequestStats} names them, e.g.
     * {@code DELETE /reports/listeners/{lid}/notifications/{nid}}), the first {@code skip} pass and the
     * {@code count} after them answer {@code status}. Unlike {@link #failNext}, which request fails does not
     * depend on timing, so a test can aim at one request in the middle of a pass. Each call adds a rule.
     */
    public synchronized void failMatching(String method, String routeTemplate, int skip, int count, int status) {
        rules.add(Rule.aimed(Stage.BEFORE, route(method, routeTemplate)::equals, Kind.FAILED, checkStatus(status),
                checkCount(skip), checkCount(count)));
    }

    /**
     * Every coming request that {@code requests} accepts answers {@code status} and is not performed, until
     * {@link #clear()}; e.g. every notification DELETE, to stop a worker after its writes and before its
     * acknowledgements.
     */
    public synchronized void failEvery(int status, Predicate<String> requests) {
        rules.add(Rule.aimed(Stage.BEFORE, requests, Kind.FAILED, checkStatus(status), 0, -1));
    }

    /**
     * Every coming request that {@code requests} accepts waits, not performed, until {@link #releaseHeld()} or
     * {@link #clear()}; then its connection closes without an answer. Stops a client exactly before a chosen
     * request however slow the machine is: wait until {@link #held()} is positive, then kill the client.
     */
    public synchronized void holdEvery(Predicate<String> requests) {
        rules.add(new Rule(Stage.BEFORE, requests, Kind.HELD, null, null, new CountDownLatch(1), 1, null, null, 0, -1));
    }

    /** How many requests {@link #holdEvery} holds at this moment. */
    public int held() {
        return holding.get();
    }

    /** Lets every held request go (closed without an answer, not performed) and holds no more. */
    public synchronized void releaseHeld() {
        removeRules(rule -> rule.kind == Kind.HELD);
    }

    /**
     * Each request (except {@code /auth/token} and {@code /version}) fails with probability
     * {@code rate}, answering one of {@code statuses} (503 if none given); repeatable by seed. Replaces the
     * earlier such rule; a rate of 0 turns it off.
     */
    public synchronized void failRandomly(double rate, long seed, int... statuses) {
        checkRate(rate);
        int[] chosen = statuses == null || statuses.length == 0 ? new int[] {503} : statuses.clone();
        Arrays.stream(chosen).forEach(Faults::checkStatus);
        removeRules(rule -> rule.stage == Stage.BEFORE && rule.kind == Kind.FAILED && rule.random != null);
        if (rate > 0) {
            rules.add(Rule.random(Stage.BEFORE, EVERY, Kind.FAILED, rate, new Random(seed), chosen));
        }
    }

    /** Extra delay before every request, on top of the latency model; replaces the earlier one, zero turns it off. */
    public synchronized void latency(Duration extra) {
        Objects.requireNonNull(extra, "extra");
        if (extra.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + extra);
        }
        removeRules(rule -> rule.kind == Kind.DELAYED);
        if (!extra.isZero()) {
            rules.add(new Rule(Stage.ARRIVAL, EVERY, Kind.DELAYED, null, extra, null, 1, null, null, 0, -1));
        }
    }

    /** For this long, every request's connection is closed without an answer. */
    public synchronized void refuseConnectionsFor(Duration duration) {
        rules.add(new Rule(Stage.ARRIVAL, EVERY, Kind.REFUSED, null, null, null, 1, null,
                System.nanoTime() + duration.toNanos(), 0, -1));
    }

    /** How many requests got a fault so far (each refused, failed, delayed or ambiguous request counts once per fault). */
    public long injected() {
        return injected.get();
    }

    /** How many faults of this kind were injected so far. */
    public long injected(Kind kind) {
        return byKind.get(kind).get();
    }

    /** Turns every fault off and lets held requests go; {@link #injected()} keeps counting from where it is. */
    public synchronized void clear() {
        removeRules(rule -> true);
    }

    /** Extra delay a request waits on arrival: the sum of the delays that hit it (zero when none). */
    synchronized Duration arrivalDelay(String method, String routeTemplate) {
        Duration delay = Duration.ZERO;
        String request = method + " " + routeTemplate;
        for (Rule rule : rules) {
            if (rule.kind == Kind.DELAYED && rule.hits(Stage.ARRIVAL, request)) {
                count(Kind.DELAYED);
                delay = delay.plus(rule.delay);
            }
        }
        return delay;
    }

    /**
     * The first rule of {@code stage} that hits the request, counted, or null when none does; a delay
     * (on arrival) is not a hit here but {@link #arrivalDelay}'s.
     */
    synchronized Hit hit(Stage stage, String method, String routeTemplate) {
        String request = method + " " + routeTemplate;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.kind == Kind.DELAYED) {
                continue;
            }
            if (rule.spent()) {
                it.remove();
            } else if (rule.hits(stage, request)) {
                count(rule.kind);
                return new Hit(rule.kind, rule.statuses == null ? 0 : rule.status(), rule.release);
            }
        }
        return null;
    }

    /** Whether a request the first {@code ARRIVAL} rule hits is refused (its connection dropped unanswered). */
    boolean refuseNow(String method, String routeTemplate) {
        Hit hit = hit(Stage.ARRIVAL, method, routeTemplate);
        return hit != null && hit.kind() == Kind.REFUSED;
    }

    /** Blocks a request a hold rule hit (the {@code BEFORE} hit) until released; true when it was held (and must be dropped). */
    boolean holdNow(Hit before) throws InterruptedException {
        if (before == null || before.kind() != Kind.HELD) {
            return false;
        }
        holding.incrementAndGet();
        try {
            before.release().await();
        } finally {
            holding.decrementAndGet();
        }
        return true;
    }

    /**
     * For a request that was just performed with a 2xx answer: empty to send that answer, else the status
     * to answer instead, {@link #LOSE_REPLY} meaning "close the connection without an answer".
     */
    OptionalInt afterPerforming(String method, String routeTemplate) {
        Hit hit = hit(Stage.AFTER, method, routeTemplate);
        return hit == null ? OptionalInt.empty() : OptionalInt.of(hit.status());
    }

    /** Removes the rules {@code which} accepts, letting go the requests they hold. Called under the lock. */
    private void removeRules(Predicate<Rule> which) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (which.test(rule)) {
                if (rule.release != null) {
                    rule.release.countDown();
                }
                it.remove();
            }
        }
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
