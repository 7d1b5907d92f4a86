package org.qvarnmr.camel.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.Reconciliation;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.worker.QvarnMr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code reconcile HANDLERS.yaml -c CONFIG}: the scheduled reconciliation ({@code qvarnmr.reconcile.cron})
 * run once, now, by the worker's own engine. Takes ownership of the instance like a worker.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Repair every derived row that drifted from its sources, now: the reconciliation of "
                + "qvarnmr.reconcile.cron run once. Map rows are rewritten where their handler says otherwise, rows "
                + "of sources that are gone and rows left marked are removed, every reduce row is recomputed and "
                + "duplicates collapse to one.",
                "Takes ownership of the instance like a worker: stop the -f worker first. Pending notifications are "
                        + "left to the worker."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:Done: every row that had drifted was repaired (the line says how many).",
                ExitCodeHelp.OWNED, ExitCodeHelp.INVALID, ExitCodeHelp.UNREACHABLE,
                "4:Some sources or keys failed (a handler failed, or Qvarn refused a write); the log names them and "
                        + "the rest was repaired."})
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    HandlersAndConfig args = new HandlersAndConfig();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try (DirectWorker setup = DirectWorker.load(args.handlers, args.config); QvarnMr worker = setup.build()) {
            try {
                setup.riding(worker::start);
            } catch (OwnedElsewhereException e) {
                out.println(e.getMessage() + "; stop that worker before reconciling (or set qvarnmr.reconcile.cron "
                        + "and let it reconcile)");
                return ExitCodes.OWNED_ELSEWHERE;
            }
            QvarnMrEngine engine = worker.engine();
            Reconciliation.Outcome outcome;
            try {
                outcome = engine.reconcile().orElseThrow(); // nothing else reconciles in this process
            } catch (OwnershipLostException e) {
                out.println(e.getMessage());
                return ExitCodes.OWNED_ELSEWHERE;
            }
            out.println("reconcile done: " + outcome.summary()
                    + (outcome.failures() == 0 ? "" : " (the log names each failure; fix the cause and run it again)"));
            if (!engine.resyncDone()) {
                out.println("a resync is still due (some handler versions are not recorded as synchronised); the "
                        + "worker runs it at its next start");
            }
            return outcome.failures() == 0 ? ExitCodes.OK : ExitCodes.DRIFT;
        }
    }
}
