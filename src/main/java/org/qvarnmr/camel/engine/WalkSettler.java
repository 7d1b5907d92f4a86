package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure rules of an application with no notification to keep or retry: nothing is acknowledged,
 * nothing is counted as an attempt.
 * <ul>
 * <li>{@link #resync}: a source its handler can never map (the handler fails on it, or Qvarn refuses its
 * output for good; not when Qvarn was unavailable or refused the worker) becomes a dead letter, so one bad
 * source does not keep a version unrecorded; every other failure is counted and logged.</li>
 * <li>{@link #reconcile}: every failure is counted and logged; no dead letter (a check records nothing).</li>
 * <li>{@link #REPLAY}: every failure is counted, not logged ({@code replay} prints it); the letter stays.</li>
 * </ul>
 */
public final class WalkSettler implements ApplyMode {
    private static final Logger LOG = LoggerFactory.getLogger(WalkSettler.class);

    /** {@code replay}'s rules: a failure is reported by the command, and its letter stays. */
    public static final WalkSettler REPLAY = new WalkSettler(null, null, null);

    private final String noun;
    private final HandlerBinding binding;
    /** Where the letters' time comes from; null: no dead letters. */
    private final Clock clock;

    private WalkSettler(String noun, HandlerBinding binding, Clock clock) {
        this.noun = noun;
        this.binding = binding;
        this.clock = clock;
    }

    /**
     * A resync's walk of {@code binding} (its map walk, or its reduce walk): the map walk dead-letters the
     * sources it can never map, the letter naming the binding.
     */
    public static WalkSettler resync(HandlerBinding binding, Clock clock) {
        return new WalkSettler("resync", binding, binding.kind() == HandlerKind.MAP ? clock : null);
    }

    /** A reconciliation's walk of {@code binding}: counts its failures. */
    public static WalkSettler reconcile(HandlerBinding binding) {
        return new WalkSettler("reconciliation", binding, null);
    }

    @Override
    public Settlement settle(Pass pass) {
        List<DeadLetter> dead = new ArrayList<>();
        int failed = 0;
        for (Map.Entry<Change, Exception> f : pass.failed().entrySet()) {
            Change change = f.getKey();
            Exception error = f.getValue();
            lost(error);
            if (clock != null && neverMaps(error)) {
                dead.add(deadLetter(change, error));
            } else {
                failed++;
                if (noun != null) {
                    LOG.error("{} of {} failed on {}/{}: {}", noun, binding.target(),
                            change.sourceType(), change.resourceId(), error.getMessage());
                }
            }
        }
        for (Map.Entry<KeyRef, Exception> f : pass.keyFailures().entrySet()) {
            lost(f.getValue());
            failed++;
            if (noun != null) {
                LOG.error("{} reduce of {} failed: {}", noun, f.getKey(), f.getValue().getMessage());
            }
        }
        return new Settlement(List.of(), dead, new PassSummary(pass.changes().size(), 0, failed, dead.size(),
                pass.reducedKeys(), false));
    }

    private static void lost(Exception error) {
        if (error instanceof OwnershipLostException lost) {
            throw lost;
        }
    }

    /** The handler fails on the source, or Qvarn refuses its output for good: mapping it again cannot help. */
    private static boolean neverMaps(Exception e) {
        boolean handlers = e instanceof HandlerException || FailureDescription.permanentRefusal(e) != null;
        return handlers && FailureDescription.retryableQvarnCause(e) == null
                && FailureDescription.credentialsRefusal(e) == null;
    }

    private DeadLetter deadLetter(Change change, Exception e) {
        HandlerBinding b = binding;
        String error = "resync of " + b.target() + " <- " + b.source() + " (version " + b.version() + "): "
                + (e instanceof HandlerException ? "" : b.where() + ": ") + FailureDescription.describe(e);
        return new DeadLetter(change.sourceType(), change.resourceId(), change.kind().name(), List.of(), error, 1,
                clock.instant().toString());
    }
}
