package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.runtime.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qvarnmr-camel HANDLERS.yaml -c CONFIG [-f]}, the shape of the original's
 * {@code qvarnmr-worker path.to.handlers -c qvarnmr.cfg -f}; with no arguments, the demo.
 */
@Command(name = "qvarnmr-camel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Keeps derived Qvarn resource types in sync with their sources (map/reduce).",
                "With no arguments: runs the demo on an embedded Qvarn."},
        subcommands = {ValidateCommand.class, PreviewCommand.class, DemoCommand.class, QvarnServerCommand.class,
                ReplayCommand.class, BenchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (one-shot) or stopped on request (-f)",
                "1:another worker owns the instance (map/reduce engine is already running on ...)",
                "2:invalid handler bindings, configuration or command line",
                "3:Qvarn unreachable or credentials refused at start-up"})
public final class RootCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HANDLERS.yaml", description = "handler bindings file")
    Path handlers;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "the original's INI file (qvarnmr.cfg) or a Camel application.properties")
    Path config;

    @Option(names = {"-f", "--forever"}, description = "keep running (otherwise process what is pending and exit)")
    boolean forever;

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setExecutionExceptionHandler(new UserErrors());
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        if (handlers == null) {
            if (config != null || forever) {
                System.err.println("HANDLERS.yaml is required with -c or -f (or run 'demo' for the demo)");
                return ExitCodes.INVALID;
            }
            return new DemoCommand().call();
        }
        return new WorkerCommand(handlers, config, forever).call();
    }
}
