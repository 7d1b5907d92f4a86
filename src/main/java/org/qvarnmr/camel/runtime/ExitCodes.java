package org.qvarnmr.camel.runtime;

/** The worker's exit codes (the original's 0 and 1, plus distinct codes for what it left as stack traces). */
public final class ExitCodes {
    /** Done (one-shot), or stopped on request (forever). */
    public static final int OK = 0;
    /** Another worker owns the instance, or took it over while this one ran. */
    public static final int OWNED_ELSEWHERE = 1;
    /** Invalid handler bindings, configuration or command line. */
    public static final int INVALID = 2;
    /** Qvarn could not be reached or refused the worker's credentials at start-up. */
    public static final int QVARN_UNAVAILABLE = 3;
    /** {@code replay}: some dead letters still fail; they stay where they are. */
    public static final int NOT_ALL_REPLAYED = 4;

    private ExitCodes() {
    }
}
