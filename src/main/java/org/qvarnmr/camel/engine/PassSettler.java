package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.qvarnmr.camel.config.RetryPolicy;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement rules of a pass (at-least-once): a change is acknowledged only when its map writes
 * and the reduces of every key it touched succeeded. A change that failed counts one attempt and waits
 * out its back-off; after its last attempt it becomes a dead letter (and is acknowledged once that is
 * written). A refusal that repeating cannot change (a 400, see {@link FailureDescription#permanentRefusal})
 * is dead-lettered at once. Qvarn being unavailable uses up no attempts; but a pass is settled only when
 * Qvarn answered its poll, so a change that keeps meeting "unavailable" while Qvarn answers the rest (a
 * deterministic 500, a 429 that never lifts) is dead-lettered once it met it in {@code max-attempts}
 * passes over at least {@code persistentAfter}. Qvarn refusing the worker's credentials ends the pass. A
 * change whose keys stay postponed is acknowledged after its last attempt: a key is postponed only while
 * the automatic resync has yet to map its map target's sources again (otherwise the reduce step repairs it,
 * see {@code VersionRepair}), and that resync reduces every key of the target once its map walk ends.
 */
final class PassSettler implements ApplyMode {
    private static final Logger LOG = LoggerFactory.getLogger(PassSettler.class);

    private final FailureTracker failures;
    private final RetryPolicy retry;
    private final Duration persistentAfter;
    private final Clock clock;

    /**
     * @param persistentAfter how long a change must keep meeting "Qvarn unavailable" while Qvarn answers the
     *                        worker's other requests before it is dead-lettered ({@code qvarnmr.keep-alive-timeout},
     *                        the time a one-shot run rides out a whole outage)
     */
    PassSettler(FailureTracker failures, RetryPolicy retry, Duration persistentAfter, Clock clock) {
        this.failures = failures;
        this.retry = retry;
        this.persistentAfter = persistentAfter;
        this.clock = clock;
    }

    @Override
    public Settlement settle(Pass pass) {
        List<Change> acknowledge = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        int retried = 0;
        for (MapResult result : pass.done()) {
            Exception keyError = null;
            boolean postponed = false;
            for (KeyRef key : result.touchedKeys()) {
                keyError = keyError != null ? keyError : pass.keyFailures().get(key);
                postponed |= pass.outcomes().get(key) == ReduceOutcome.POSTPONED;
            }
            if (keyError == null && !postponed) {
                acknowledge.add(result.change());
            } else if (keyError != null) {
                retried += fail(result.change(), keyError, acknowledge, dead);
            } else if (retry.exhausted(failures.recordFailure(result.change()))) {
                LOG.warn("{}: acknowledged with keys postponed ({}): the resync under way is rewriting their map "
                        + "rows and reduces every key of the target after its map walk", result.change(),
                        result.touchedKeys().stream().filter(k -> pass.outcomes().get(k) == ReduceOutcome.POSTPONED)
                                .toList());
                acknowledge.add(result.change());
            } else {
                retried++;
            }
        }
        for (Map.Entry<Change, Exception> f : pass.failed().entrySet()) {
            retried += fail(f.getKey(), f.getValue(), acknowledge, dead);
        }
        PassSummary summary = new PassSummary(pass.changes().size(), acknowledge.size() - dead.size(), retried,
                dead.size(), pass.reducedKeys(), pass.more());
        return new Settlement(acknowledge, dead, summary);
    }

    /** Records the failure; returns 1 when the change waits for a retry, 0 when it became a dead letter. */
    private int fail(Change change, Exception error, List<Change> acknowledge, List<DeadLetter> dead) {
        if (error instanceof OwnershipLostException lost) {
            throw lost;
        }
        QvarnException credentials = FailureDescription.credentialsRefusal(error);
        if (credentials != null) {
            throw credentials; // the worker's token or scopes, not this change: the run ends (exit 3)
        }
        QvarnException unavailable = FailureDescription.retryableQvarnCause(error);
        if (unavailable != null) {
            // Also when a handler's own Qvarn reads (join) hit the outage: that is no fault of the change.
            int outages = failures.recordOutage(change);
            Duration refusedFor = failures.outageFor(change);
            if (!retry.exhausted(outages) || refusedFor.compareTo(persistentAfter) < 0) {
                LOG.warn("{}: Qvarn unavailable ({}); will retry", change, unavailable.getMessage());
                return 1;
            }
            return deadLetter(change, FailureDescription.describe(error) + "; Qvarn kept refusing this change for "
                    + refusedFor.toSeconds() + " s over " + outages + " tries while it answered the worker's other "
                    + "requests", outages, error, acknowledge, dead);
        }
        int attempts = failures.recordFailure(change);
        String why = FailureDescription.describe(error);
        if (FailureDescription.permanentRefusal(error) != null) {
            return deadLetter(change, why + "; Qvarn answers this the same way however often it is repeated, so it "
                    + "was not retried", attempts, error, acknowledge, dead);
        }
        if (!retry.exhausted(attempts)) {
            log(LOG::warn, error, "{}: attempt {} failed: {}", change, attempts, why);
            return 1;
        }
        return deadLetter(change, why, attempts, error, acknowledge, dead);
    }

    private int deadLetter(Change change, String why, int attempts, Exception error, List<Change> acknowledge,
                           List<DeadLetter> dead) {
        log(LOG::error, error, "{}: sent to the dead-letter endpoint after {} attempt(s): {}", change, attempts, why);
        dead.add(new DeadLetter(change.sourceType(), change.resourceId(), change.kind().name(), change.notifications(),
                why, attempts, clock.instant().toString()));
        acknowledge.add(change);
        return 0;
    }

    /**
     * One line per failure; the stack trace only for an error the worker does not expect (a bug), else at
     * DEBUG (the message of a Qvarn refusal or a handler's failure says all there is).
     */
    private static void log(BiConsumer<String, Object[]> level, Exception error, String format, Object... args) {
        boolean trace = !FailureDescription.expected(error);
        Object[] withError = Arrays.copyOf(args, args.length + 1);
        withError[args.length] = error;
        level.accept(format, trace ? withError : args);
        if (!trace) {
            LOG.debug("the failure above", error);
        }
    }
}
