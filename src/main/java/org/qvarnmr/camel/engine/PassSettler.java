package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.qvarnmr.camel.config.RetryPolicy;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement rules of a pass (at-least-once): a change is acknowledged only when its map writes
 * and the reduces of every key it touched succeeded. A change that failed counts one attempt and waits
 * out its back-off; after its last attempt it becomes a dead letter (and is acknowledged once that is
 * written). Qvarn being unreachable never uses up attempts. A change whose keys stay postponed is
 * acknowledged after its last attempt: a key is postponed only while the automatic resync has yet to map
 * its map target's sources again (otherwise the reduce step repairs it, see {@code VersionRepair}), and
 * that resync reduces every key of the target once its map walk ends.
 */
final class PassSettler {
    private static final Logger LOG = LoggerFactory.getLogger(PassSettler.class);

    private final FailureTracker failures;
    private final RetryPolicy retry;
    private final Clock clock;

    PassSettler(FailureTracker failures, RetryPolicy retry, Clock clock) {
        this.failures = failures;
        this.retry = retry;
        this.clock = clock;
    }

    Settlement settle(Batch batch, MapPhase map, ReducePhase reduce) {
        List<Change> acknowledge = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        int retried = 0;
        for (MapResult result : map.succeeded()) {
            Exception keyError = null;
            boolean postponed = false;
            for (KeyRef key : result.touchedKeys()) {
                keyError = keyError != null ? keyError : reduce.failed().get(key);
                postponed |= reduce.postponed().contains(key);
            }
            if (keyError == null && !postponed) {
                acknowledge.add(result.change());
            } else if (keyError != null) {
                retried += fail(result.change(), keyError, acknowledge, dead);
            } else if (retry.exhausted(failures.recordFailure(result.change()))) {
                LOG.warn("{}: acknowledged with keys postponed ({}): the resync under way is rewriting their map "
                        + "rows and reduces every key of the target after its map walk", result.change(),
                        result.touchedKeys().stream().filter(reduce.postponed()::contains).toList());
                acknowledge.add(result.change());
            } else {
                retried++;
            }
        }
        for (MapPhase.FailedChange f : map.failed()) {
            retried += fail(f.change(), f.error(), acknowledge, dead);
        }
        int changes = batch == null ? 0 : batch.changes().size();
        PassSummary summary = new PassSummary(changes, acknowledge.size() - dead.size(), retried, dead.size(),
                reduce.done().size(), batch != null && batch.more());
        return new Settlement(acknowledge, dead, summary);
    }

    /** Records the failure; returns 1 when the change waits for a retry, 0 when it became a dead letter. */
    private int fail(Change change, Exception error, List<Change> acknowledge, List<DeadLetter> dead) {
        if (error instanceof OwnershipLostException lost) {
            throw lost;
        }
        QvarnException unavailable = FailureDescription.retryableQvarnCause(error);
        if (unavailable != null) {
            // Also when a handler's own Qvarn reads (join) hit the outage: that is no fault of the change.
            LOG.warn("{}: Qvarn unavailable ({}); will retry", change, unavailable.getMessage());
            failures.recordOutage(change);
            return 1;
        }
        int attempts = failures.recordFailure(change);
        String why = FailureDescription.describe(error);
        if (!retry.exhausted(attempts)) {
            LOG.warn("{}: attempt {} failed: {}", change, attempts, why);
            return 1;
        }
        LOG.error("{}: failed {} attempts, sent to the dead-letter endpoint: {}", change, attempts, why);
        dead.add(new DeadLetter(change.sourceType(), change.resourceId(), change.kind().name(), change.notifications(),
                why, attempts, clock.instant().toString()));
        acknowledge.add(change);
        return 0;
    }
}
