package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code worker HANDLERS.yaml -c CONFIG [-f]}: loads bindings and configuration, then runs the worker. */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the worker: process what is pending and exit, or keep running with -f.",
                "The bare form HANDLERS.yaml -c CONFIG [-f] (the original qvarnmr-worker's shape) is the same."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {ExitCodeHelp.DONE, ExitCodeHelp.OWNED, ExitCodeHelp.INVALID, ExitCodeHelp.UNREACHABLE,
                ExitCodeHelp.NOT_ALL_DONE})
final class WorkerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HANDLERS.yaml", description = "The handler bindings file.")
    Path handlers;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "The original's INI file (qvarnmr.cfg) or a Camel application.properties.")
    Path config;

    @Option(names = {"-f", "--forever"}, description = "Keep running (otherwise process what is pending and exit).")
    boolean forever;

    WorkerCommand() {
    }

    WorkerCommand(Path handlers, Path config, boolean forever) {
        this.handlers = handlers;
        this.config = config;
        this.forever = forever;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, ConfigSource.Value> values = ConfigSource.load(config, System.getenv(), System.getProperties());
        if (config == null && !values.containsKey(Settings.BASE_URL.name())) {
            // Without a file only the environment could configure the worker; say what is missing first.
            System.err.println("-c CONFIG is required: the worker reads qvarn.base-url and qvarnmr.instance from "
                    + "it (the original's qvarnmr.cfg or an application.properties), e.g. "
                    + "worker " + handlers + " -c qvarnmr.cfg");
            return ExitCodes.INVALID;
        }
        return WorkerRuntime.forCommandLine(handlers, values, System.out).run(forever);
    }
}
