package org.qvarnmr.camel.config;

import java.util.List;
import java.util.Optional;

/** Every setting of the worker with its default; the table in docs/configuration.md is this list (ConfigurationDocTest). */
public final class Settings {
    public static final Setting BASE_URL = new Setting("qvarn.base-url", null, "Qvarn's base URL");
    public static final Setting TOKEN_URL = new Setting("qvarn.token-url", "",
            "OAuth2 token endpoint; empty means {base-url}/auth/token");
    public static final Setting CLIENT_ID = new Setting("qvarn.client-id", "",
            "OAuth2 client id; empty means no authentication");
    public static final Setting CLIENT_SECRET = new Setting("qvarn.client-secret", "", "OAuth2 client secret");
    public static final Setting VERIFY = new Setting("qvarn.verify-requests", "yes",
            "verify Qvarn's TLS certificate (yes/no)");
    public static final Setting SCOPE = new Setting("qvarn.scope", "",
            "scopes to request, comma or space separated; empty means exactly those the handlers need");
    public static final Setting THREADS = new Setting("qvarn.threads", "8",
            "how many requests the worker may have in flight at once (Qvarn's database is shared: keep it modest)");
    public static final Setting CONNECT_TIMEOUT = new Setting("qvarn.connect-timeout", "5", "TCP connect timeout");
    public static final Setting RESPONSE_TIMEOUT = new Setting("qvarn.response-timeout", "30",
            "the most one request to Qvarn may take, from sending it to the last byte of the answer (a deadline, "
                    + "not an idle timeout: an answer that trickles in is cut off too); then it counts as Qvarn "
                    + "not answering");
    public static final Setting MAX_RESPONSE_SIZE = new Setting("qvarn.max-response-size", "32MB",
            "the largest answer from Qvarn the worker reads (bytes, or with KB, MB, GB); a larger one fails its request "
                    + "with a message naming it, as soon as it is announced or read that far");
    public static final Setting INSTANCE = new Setting("qvarnmr.instance", null,
            "instance name: listeners and ownership are per instance");
    public static final Setting KEEP_ALIVE_UPDATE = new Setting("qvarnmr.keep-alive-update-interval", "10",
            "how often the owner refreshes its keep-alive timestamp");
    public static final Setting KEEP_ALIVE_TIMEOUT = new Setting("qvarnmr.keep-alive-timeout", "60",
            "after this long without a refresh, an owner counts as crashed and another worker may take over; also "
                    + "the least time a change that alone keeps meeting 5xx or 429 is retried before its dead letter");
    public static final Setting POLL_INTERVAL = new Setting("qvarnmr.poll-interval", "0.5",
            "pause between polls when there is nothing to do (-f mode)");
    public static final Setting BATCH_SIZE = new Setting("qvarnmr.batch-size", "1000",
            "most notifications read in one batch");
    public static final Setting PAGE_SIZE = new Setting("qvarnmr.page-size", "500",
            "rows per paged search (resync, large keys, a batch's old map rows)");
    public static final Setting MAX_ATTEMPTS = new Setting("qvarnmr.retry.max-attempts", "5",
            "attempts of a failing change before it goes to the dead-letter endpoint (a refusal such as a 400 goes "
                    + "at once)");
    public static final Setting RETRY_DELAY = new Setting("qvarnmr.retry.delay", "1",
            "back-off after the first failure; multiplied by retry.multiplier on each further failure");
    public static final Setting RETRY_MULTIPLIER = new Setting("qvarnmr.retry.multiplier", "2",
            "each further failure multiplies the back-off by this (1 to 100; 2 doubles it); the one back-off of "
                    + "failed changes, redelivered steps, resync steps and start-up or one-shot outages");
    public static final Setting RETRY_MAX_DELAY = new Setting("qvarnmr.retry.max-delay", "60", "longest back-off");
    public static final Setting RETRY_REDELIVERIES = new Setting("qvarnmr.retry.redeliveries", "3",
            "immediate redeliveries, within the pass and with the same back-off, of a step that met a passing "
                    + "Qvarn fault (503, 5xx, unreachable) or a conflict, before the change counts a failed attempt");
    public static final Setting NOT_FOUND_ATTEMPTS = new Setting("qvarnmr.not-found-attempts", "3",
            "polls a created/updated resource may answer 404 before the change is treated as a delete");
    public static final Setting DEAD_LETTER_URI = new Setting("qvarnmr.dead-letter-uri", "file:data/dead-letters",
            "Camel endpoint that receives changes that failed every attempt (JSON)");

    public static final Setting TRUSTED_EXPRESSIONS = new Setting("qvarnmr.trusted-expressions", "no",
            "yes: expression handlers may use every function of their Camel language (call Java, read the "
                    + "environment, files and properties), so the handlers file is as trusted as the jar; no: they may "
                    + "only read the resource");
    public static final Setting CACHE_SIZE = new Setting("qvarnmr.cache-size", "10000",
            "source resources, and keys of map rows and of reduce rows, kept in memory (each); the most rows "
                    + "a derived type may have to be learned whole; bounds memory, not correctness");
    public static final Setting RECONCILE_CRON = new Setting("qvarnmr.reconcile.cron", "",
            "Quartz cron for scheduled reconciliation in -f mode (e.g. '0 0 3 * * ?'); empty: off");
    public static final Setting PROGRESS_INTERVAL = new Setting("qvarnmr.progress-interval", "10",
            "how often resync progress is logged");

    public static final Setting STARTUP_TIMEOUT = new Setting("qvarnmr.startup-timeout", "10",
            "one-shot runs: how long to keep trying to reach Qvarn at start-up before giving up with exit 3 "
                    + "(with -f the worker keeps trying)");
    public static final Setting STANDBY = new Setting("qvarnmr.standby", "no",
            "yes: while another live worker owns the instance, wait and take over once its keep-alive times out; "
                    + "no: exit 1 at once, as the original did");
    public static final Setting MANAGEMENT_ENABLED = new Setting("qvarnmr.management.enabled", "auto",
            "Camel's management HTTP server (health check, Prometheus metrics): yes, no, or auto (on with -f, "
                    + "off in one-shot runs)");
    public static final Setting MANAGEMENT_HOST = new Setting("qvarnmr.management.host", "127.0.0.1",
            "address the management server binds");
    public static final Setting MANAGEMENT_PORT = new Setting("qvarnmr.management.port", "9876",
            "port of the management server; 0: a free port the system picks, printed at start as "
                    + "'management server listening on http://HOST:PORT'");
    public static final Setting HEALTH_MAX_POLL_AGE = new Setting("qvarnmr.health.max-poll-age", "60",
            "the health check is DOWN when the last successful poll of Qvarn is older than this");
    public static final Setting HEALTH_MAX_PASS_AGE = new Setting("qvarnmr.health.max-pass-age", "10m",
            "liveness (/observe/health/live) is DOWN when no pass has begun for this long: the pass under way is "
                    + "stuck, or passes stopped, and a restart is the cure (a pass that fails counts: during a Qvarn "
                    + "outage the worker is alive); keep it well above the longest pass");

    public static final List<Setting> ALL = List.of(BASE_URL, TOKEN_URL, CLIENT_ID, CLIENT_SECRET, VERIFY, SCOPE,
            THREADS, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, MAX_RESPONSE_SIZE, INSTANCE, KEEP_ALIVE_UPDATE, KEEP_ALIVE_TIMEOUT, POLL_INTERVAL,
            BATCH_SIZE, PAGE_SIZE, MAX_ATTEMPTS, RETRY_DELAY, RETRY_MULTIPLIER,
            RETRY_MAX_DELAY, RETRY_REDELIVERIES, NOT_FOUND_ATTEMPTS, DEAD_LETTER_URI, CACHE_SIZE,
            TRUSTED_EXPRESSIONS, RECONCILE_CRON,
            PROGRESS_INTERVAL, STARTUP_TIMEOUT, STANDBY, MANAGEMENT_ENABLED, MANAGEMENT_HOST, MANAGEMENT_PORT,
            HEALTH_MAX_POLL_AGE, HEALTH_MAX_PASS_AGE);

    private Settings() {
    }

    public static Optional<Setting> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The setting whose name is within a few edits of {@code name}, for "did you mean" hints. */
    public static Optional<Setting> closestTo(String name) {
        Setting best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting s : ALL) {
            int d = editDistance(name, s.name());
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
