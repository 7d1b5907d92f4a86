package org.qvarnmr.camel.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One rule of a {@link HostileQvarn}: which requests it takes (a method, or {@code *}, and a path pattern
 * where {@code *} is any text within one path segment and {@code **} any text at all; the query is not
 * matched), how many (all of them unless {@link Aim#times} says otherwise), and what it does to them.
 * Counts what it did, so a test can wait for the worker to meet it.
 */
public final class HostileRule {
    /** What a rule does with a request it takes. */
    sealed interface Behaviour {
    }

    /** Answers {@code status} with this body at once; the request never reaches Qvarn. */
    record Answer(int status, String contentType, byte[] body) implements Behaviour {
    }

    /** Forwards the request, then sends Qvarn's whole answer (status line and headers too) one byte per {@code every}. */
    record Drip(Duration every) implements Behaviour {
    }

    /**
     * A 200 {@code application/json} answer of {@code bytes} bytes (announced in Content-Length), or without
     * end (chunked, no length) when {@code bytes} is negative; written as it goes, never held in memory.
     */
    record Balloon(long bytes) implements Behaviour {
    }

    /** Reads the request and never answers, until the client gives up or the proxy closes. */
    record Hang() implements Behaviour {
    }

    private final String method;
    private final Pattern path;
    private final String description;
    private final Behaviour behaviour;
    private final AtomicInteger left;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean removed;

    private HostileRule(Aim aim, Behaviour behaviour) {
        this.method = aim.method;
        this.path = aim.path;
        this.description = aim.method + " " + aim.pattern + ": " + behaviour;
        this.behaviour = behaviour;
        this.left = new AtomicInteger(aim.times);
    }

    /** How many requests this rule took so far. */
    public int hits() {
        return hits.get();
    }

    /** How many of them it is busy with now: dripping, ballooning or hanging. */
    public int active() {
        return active.get();
    }

    /** From now on the rule takes no request (those it is busy with go on until they end). */
    public void remove() {
        removed = true;
    }

    @Override
    public String toString() {
        return description;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    /** Whether the rule takes this request; counts it when it does. */
    boolean takes(String requestMethod, String rawPath) {
        if (removed || !(method.equals("*") || method.equalsIgnoreCase(requestMethod))
                || !path.matcher(rawPath).matches()) {
            return false;
        }
        if (left.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
            return false;
        }
        hits.incrementAndGet();
        return true;
    }

    void begin() {
        active.incrementAndGet();
    }

    void end() {
        active.decrementAndGet();
    }

    /** Which requests a rule takes; each method that says what to do with them adds the rule to the proxy. */
    public static final class Aim {
        private final HostileQvarn proxy;
        private final String method;
        private final String pattern;
        private final Pattern path;
        private int times = -1;

        Aim(HostileQvarn proxy, String method, String pattern) {
            this.proxy = proxy;
            this.method = Objects.requireNonNull(method, "method");
            this.pattern = Objects.requireNonNull(pattern, "pattern");
            this.path = glob(pattern);
        }

        /** Only the next {@code count} matching requests; later ones pass through. */
        public Aim times(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, got " + count);
            }
            times = count;
            return this;
        }

        /** A 200 whose body is not what Qvarn sends (HTML, plain text, truncated or wrongly shaped JSON). */
        public HostileRule garbage(String contentType, String body) {
            return answer(200, contentType, body);
        }

        /** Refuses the route: every request is answered {@code status} (e.g. 500 or 429) with a proxy's HTML page. */
        public HostileRule status(int status) {
            return answer(status, "text/html; charset=UTF-8",
                    "<html><body><h1>" + status + "</h1><p>hostile proxy</p></body></html>");
        }

        /** Answers exactly this. */
        public HostileRule answer(int status, String contentType, String body) {
            return add(new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8)));
        }

        /** Qvarn's real answer, one byte per {@code every}: never idle for long, never done. */
        public HostileRule drip(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("every must be positive, got " + every);
            }
            return add(new Drip(every));
        }

        /** A 200 JSON answer of {@code bytes} bytes, announced in Content-Length and streamed. */
        public HostileRule balloon(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
            }
            return add(new Balloon(bytes));
        }

        /** A 200 JSON answer that never ends (chunked, no length), streamed until the client stops reading. */
        public HostileRule endlessBalloon() {
            return add(new Balloon(-1));
        }

        /** Accepts the request and never answers. */
        public HostileRule hang() {
            return add(new Hang());
        }

        private HostileRule add(Behaviour behaviour) {
            HostileRule rule = new HostileRule(this, behaviour);
            proxy.add(rule);
            return rule;
        }

        /** {@code /reports/listeners/*\/notifications}: {@code *} within a segment, {@code **} across. */
        static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }
}
