package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.camel.support.LRUCacheFactory;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.StartupChecks;
import org.qvarnmr.camel.engine.verify.TargetDrift;
import org.qvarnmr.camel.engine.verify.Verification;
import org.qvarnmr.camel.engine.verify.VerifyReport;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.worker.QvarnMr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verify HANDLERS.yaml -c CONFIG [--report FILE]}: recomputes every target from its sources and
 * reports the drift, one line per target (see {@link Verification}). Read-only: it takes no ownership and
 * sends no write, so it may run beside the worker.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute every target from its sources and report how the stored rows drifted from it: "
                + "missing, extra, wrong and duplicate rows, stale versions, rows left marked _mr_deleted; one line "
                + "per target.",
                "Read-only: takes no ownership and writes nothing, so it may run beside the worker (whose changes in "
                        + "flight then show as drift). The reconcile command repairs what it finds."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:No drift: every target is what its handlers compute from the sources.",
                ExitCodeHelp.INVALID, ExitCodeHelp.UNREACHABLE,
                "4:Some target drifted, or a handler failed on some source or key; the lines say which and how."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    HandlersAndConfig args = new HandlersAndConfig();

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the drift as JSON to FILE: the counts per target and kind, and the first "
                    + TargetDrift.EXAMPLES + " drifted rows of each target in full.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try (DirectWorker setup = DirectWorker.load(args.handlers, args.config); QvarnMr worker = setup.build()) {
            WorkerSettings settings = setup.settings();
            QvarnClient qvarn = worker.engine().qvarn();
            setup.riding(() -> {
                qvarn.authenticate();
                new StartupChecks(qvarn, setup.bindings(), settings).run();
            });
            VerifyReport found;
            try (Verification verification = new Verification(qvarn, setup.bindings(), settings.pageSize(),
                    LRUCacheFactory::newLRUCache, settings.cacheSize(), settings.threads())) {
                found = verification.run();
            }
            found.targets().forEach(t -> out.println(t.summary()));
            if (report != null) {
                ObjectNode json = found.toJson();
                json.put("instance", settings.instance());
                json.put("qvarn", settings.qvarn().baseUrl().toString());
                json.put("checkedAt", Instant.now().toString());
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), json);
                out.println("report written to " + report);
            }
            out.println(lastLine(found));
            return found.clean() ? ExitCodes.OK : ExitCodes.DRIFT;
        }
    }

    private String lastLine(VerifyReport found) {
        int all = found.targets().size();
        String unchecked = found.failed() == 0 ? ""
                : "; a handler failed on " + found.failed() + (found.failed() == 1 ? " source or key" : " sources or keys")
                + ", not checked: fix it and verify again";
        if (found.targetsWithDrift() == 0) {
            return "verify: no drift in " + all + (all == 1 ? " target" : " targets") + unchecked;
        }
        return "verify: drift in " + found.targetsWithDrift() + " of " + all + " targets; repair it with: "
                + "java -jar qvarnmr-camel.jar reconcile " + args.handlers + " -c " + args.config + unchecked;
    }
}
