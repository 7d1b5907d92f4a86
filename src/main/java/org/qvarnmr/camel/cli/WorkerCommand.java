package org.qvarnmr.camel.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.runtime.Launch;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code worker HANDLERS.yaml -c CONFIG [-f]}: loads bindings and configuration, then runs the worker. */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = "qvarnmr-camel worker HANDLERS.yaml -c CONFIG [-f]",
        description = {"Run the worker: process what is pending and exit, or keep running with -f.",
                "The bare form HANDLERS.yaml -c CONFIG [-f] (the original qvarnmr-worker's shape) is the same."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {ExitCodeHelp.DONE, ExitCodeHelp.OWNED, ExitCodeHelp.INVALID, ExitCodeHelp.UNREACHABLE,
                ExitCodeHelp.NOT_ALL_DONE, ExitCodeHelp.OUT_OF_MEMORY})
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    WorkerOptions options = new WorkerOptions();
    private final Launch launch;

    WorkerCommand(Launch launch) {
        this.launch = launch;
    }

    WorkerCommand(WorkerOptions options, Launch launch) {
        this.options = options;
        this.launch = launch;
    }

    @Override
    public Integer call() throws Exception {
        if (options.handlers == null) {
            System.err.println("HANDLERS.yaml is required: worker HANDLERS.yaml -c CONFIG [-f]");
            return ExitCodes.INVALID;
        }
        Map<String, ConfigSource.Value> values = ConfigSource.load(options.config, System.getenv(),
                System.getProperties());
        if (options.config == null && !values.containsKey(Settings.BASE_URL.name())) {
            // Without a file only the environment could configure the worker; say what is missing first.
            System.err.println("-c CONFIG is required: the worker reads qvarn.base-url and qvarnmr.instance from "
                    + "it (the original's qvarnmr.cfg or an application.properties), e.g. "
                    + "worker " + options.handlers + " -c qvarnmr.cfg");
            return ExitCodes.INVALID;
        }
        return WorkerRuntime.forCommandLine(options.handlers, values, System.out, launch).run(options.forever);
    }
}
