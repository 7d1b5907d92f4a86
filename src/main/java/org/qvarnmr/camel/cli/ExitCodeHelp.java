package org.qvarnmr.camel.cli;

/**
 * The exit-code lines of the commands' help ({@code code:meaning}), one wording per code, so that every
 * command lists its codes the same way (docs/errors.md repeats them; CommandLineTest keeps both in step).
 */
final class ExitCodeHelp {
    static final String HEADING = "%nExit codes:%n";
    static final String DONE = "0:Done (one-shot); -f stopped by SIGTERM or Ctrl-C exits 143 or 130 after a clean stop.";
    static final String OWNED = "1:Another worker owns the instance (map/reduce engine is already running on ...).";
    static final String INVALID = "2:Invalid handler bindings, configuration or command line; the message names "
            + "the file, line and setting.";
    static final String UNREACHABLE = "3:Qvarn unreachable (after qvarnmr.startup-timeout), its answers unusable, "
            + "or the credentials or scopes refused.";
    static final String NOT_ALL_DONE = "4:One-shot: some changes were dead-lettered or a resync step failed; the "
            + "summary line says how many and where.";
    static final String OUT_OF_MEMORY = "71:Out of memory: the worker stopped itself at once, so that a standby can "
            + "take over.";

    private ExitCodeHelp() {
    }
}
