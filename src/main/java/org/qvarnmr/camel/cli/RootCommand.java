package org.qvarnmr.camel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.runtime.Launch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code qvarnmr-camel HANDLERS.yaml -c CONFIG [-f]}, the shape of the original's
 * {@code qvarnmr-worker path.to.handlers -c qvarnmr.cfg -f} (also {@code worker HANDLERS.yaml ...}); the other
 * commands; with no arguments, the demo.
 */
@Command(name = "qvarnmr-camel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Keeps derived Qvarn resource types in sync with their sources (map/reduce).",
                "With HANDLERS.yaml -c CONFIG: runs the worker (see worker --help). With no arguments: runs the demo."},
        subcommands = {WorkerCommand.class, ValidateCommand.class, TypesCommand.class, PreviewCommand.class,
                ReplayCommand.class, VerifyCommand.class, ReconcileCommand.class, DemoCommand.class,
                QvarnServerCommand.class, BenchCommand.class},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {ExitCodeHelp.DONE, ExitCodeHelp.OWNED, ExitCodeHelp.INVALID, ExitCodeHelp.UNREACHABLE,
                ExitCodeHelp.NOT_ALL_DONE, ExitCodeHelp.OUT_OF_MEMORY})
public final class RootCommand implements Callable<Integer> {
    @Mixin
    WorkerOptions worker = new WorkerOptions();
    private final Launch launch;

    private RootCommand(Launch launch) {
        this.launch = launch;
    }

    /** The command line inside a JVM it does not own (tests, the in-process runs): see {@link Launch#inThisJvm()}. */
    public static CommandLine commandLine() {
        return commandLine(Launch.inThisJvm());
    }

    /** The command line of {@code java -jar}, or of a test that stands in for one. */
    public static CommandLine commandLine(Launch launch) {
        CommandLine cli = new CommandLine(new RootCommand(launch), factory(launch));
        cli.setExecutionExceptionHandler(new UserErrors());
        CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> {
            Optional<String> unknown = args.length == 0 ? Optional.empty() : unknownCommand(e.getCommandLine(), args[0]);
            if (unknown.isPresent()) {
                e.getCommandLine().getErr().println(unknown.get());
                return ExitCodes.INVALID;
            }
            return standard.handleParseException(e, args);
        });
        return cli;
    }

    /** Picocli's own factory, except that the worker command knows how it was launched. */
    private static CommandLine.IFactory factory(Launch launch) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> type) throws Exception {
                return type == WorkerCommand.class ? (K) new WorkerCommand(launch) : defaults.create(type);
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        if (worker.handlers == null) {
            if (worker.config != null || worker.forever) {
                System.err.println("HANDLERS.yaml is required with -c or -f (or run 'demo' for the demo)");
                return ExitCodes.INVALID;
            }
            return new DemoCommand().call();
        }
        Optional<String> unknown = unknownCommand(new CommandLine(this, factory(launch)), worker.handlers.toString());
        if (unknown.isPresent()) {
            System.err.println(unknown.get());
            return ExitCodes.INVALID;
        }
        return new WorkerCommand(worker, launch).call();
    }

    /**
     * A first argument that is a plain word (no dot, no slash) and no file is a mistyped command, not a
     * bindings file: {@code unknown command 'valdiate'; did you mean 'validate'?}.
     */
    static Optional<String> unknownCommand(CommandLine cli, String first) {
        CommandLine root = cli;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        List<String> commands = List.copyOf(root.getSubcommands().keySet());
        if (first.startsWith("-") || first.contains(".") || first.contains("/") || first.contains("\\")
                || commands.contains(first) || Files.exists(Path.of(first))) {
            return Optional.empty();
        }
        String closest = commands.stream().min(Comparator.comparingInt(c -> Settings.editDistance(first, c))).orElseThrow();
        return Optional.of("unknown command '" + first + "'; " + (Settings.editDistance(first, closest) <= Math.max(2, closest.length() / 3)
                ? "did you mean '" + closest + "'?"
                : "the commands are " + String.join(", ", commands) + " (see --help)"));
    }
}
