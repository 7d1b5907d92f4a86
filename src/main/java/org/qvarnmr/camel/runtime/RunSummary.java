package org.qvarnmr.camel.runtime;

import org.qvarnmr.camel.route.DeadLetterFolder;
import org.qvarnmr.camel.worker.RunTotals;

/**
 * What a one-shot run did, as the one line it ends with and the exit code a scheduler acts on: 0 when
 * everything was done, {@link ExitCodes#NOT_ALL_DONE} when a change was dead-lettered or a resync step
 * failed. Counted from the worker's pass summaries and derived writes ({@link RunTotals}), so resync writes
 * count as much as those of live changes, with or without meters.
 *
 * @param changes        changes processed (their notifications deleted)
 * @param derivedWrites  derived rows created, updated or deleted (live changes and resync)
 * @param deadLetters    changes sent to the dead-letter endpoint
 * @param deadLetterUri  where they went
 * @param resyncFailures resources or keys the resync failed on
 */
public record RunSummary(long changes, long derivedWrites, long deadLetters, String deadLetterUri, int resyncFailures) {
    public static RunSummary of(RunTotals totals, String deadLetterUri, int resyncFailures) {
        return new RunSummary(totals.changes(), totals.derivedWrites(), totals.deadLetters(), deadLetterUri,
                resyncFailures);
    }

    /** E.g. {@code one-shot run done: 3 changes processed, 12 derived rows written, 0 dead letters, 0 resync failures}. */
    public String line() {
        String where = DeadLetterFolder.of(deadLetterUri).map(Object::toString).orElse(DeadLetterFolder.shown(deadLetterUri));
        return "one-shot run done: " + changes + plural(changes, " change") + " processed, " + derivedWrites
                + plural(derivedWrites, " derived row") + " written, " + deadLetters + plural(deadLetters, " dead letter")
                + (deadLetters > 0 ? " (in " + where + "; replay them once the cause is fixed)" : "") + ", "
                + resyncFailures + plural(resyncFailures, " resync failure")
                + (resyncFailures > 0 ? " (retried at the next start; the log names them)" : "");
    }

    public int exitCode() {
        return deadLetters > 0 || resyncFailures > 0 ? ExitCodes.NOT_ALL_DONE : ExitCodes.OK;
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }
}
