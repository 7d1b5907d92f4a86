package org.qvarnmr.camel.runtime;

/** The worker's exit codes (the original's 0 and 1, plus distinct codes for what it left as stack traces). */
public final class ExitCodes {
    /** Done (one-shot). A forever run stopped by SIGTERM or Ctrl-C exits with the JVM's 143 or 130 after a clean stop. */
    public static final int OK = 0;
    /** Another worker owns the instance, or took it over while this one ran. */
    public static final int OWNED_ELSEWHERE = 1;
    /** Invalid handler bindings, configuration or command line. */
    public static final int INVALID = 2;
    /** Qvarn could not be reached or refused the worker's credentials at start-up. */
    public static final int QVARN_UNAVAILABLE = 3;
    /**
     * The run finished, but not all of its work: a one-shot run dead-lettered a change or a resync step
     * failed (its summary line says which and where); {@code replay}: some dead letters failed again.
     */
    public static final int NOT_ALL_DONE = 4;
    /** {@code replay}'s name for {@link #NOT_ALL_DONE}: some dead letters still fail; they stay where they are. */
    public static final int NOT_ALL_REPLAYED = NOT_ALL_DONE;
    /**
     * {@code verify}'s name for {@link #NOT_ALL_DONE}: some target drifted from what its handlers compute (or a
     * handler failed, so it could not be checked); {@code reconcile}: some sources or keys failed.
     */
    public static final int DRIFT = NOT_ALL_DONE;
    /**
     * The worker ran out of memory and halted itself ({@link OutOfMemoryGuard}); sysexits' EX_OSERR. Its
     * ownership lapses after the keep-alive timeout; unfinished changes keep their notifications.
     */
    public static final int OUT_OF_MEMORY = 71;

    private ExitCodes() {
    }
}
