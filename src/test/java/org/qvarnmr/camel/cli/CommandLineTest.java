package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.runtime.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** A command line that forgives typos, says what is missing, and helps the same way in every command. */
class CommandLineTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z_]*(\\.yaml)?");

    @Test
    void shouldSuggestTheClosestCommandForATypo() {
        Cli.Result result = Cli.run("valdiate", "config/handlers.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).isEqualTo("unknown command 'valdiate'; did you mean 'validate'?" + System.lineSeparator());
    }

    @Test
    void shouldSuggestTheClosestCommandForATypoWithoutArguments() {
        Cli.Result result = Cli.run("wroker");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).isEqualTo("unknown command 'wroker'; did you mean 'worker'?" + System.lineSeparator());
    }

    @Test
    void shouldListTheCommandsForAWordThatIsNoneOfThem() {
        Cli.Result result = Cli.run("frobnicate", "x.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).startsWith("unknown command 'frobnicate'; the commands are worker, validate, types, ");
    }

    @Test
    void shouldSayThatAHandlersFileNeedsMinusC() {
        Cli.Result result = Cli.run("config/handlers.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).isEqualTo("-c CONFIG is required: the worker reads qvarn.base-url and "
                + "qvarnmr.instance from it (the original's qvarnmr.cfg or an application.properties), e.g. worker "
                + "config/handlers.yaml -c qvarnmr.cfg" + System.lineSeparator());
    }

    @Test
    void shouldHaveAWorkerSubcommandWithItsOwnHelp() {
        Cli.Result result = Cli.run("worker", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: qvarnmr-camel worker HANDLERS.yaml -c CONFIG [-f]")
                .containsPattern("Exit codes:\\s+0 +Done").containsPattern("\\n +4 +One-shot: some changes were dead-lettered")
                .containsPattern("\\n +71 +Out of memory");
    }

    @Test
    void shouldHelpWithVerifyAndReconcile() {
        Cli.Result verify = Cli.run("verify", "--help");
        Cli.Result reconcile = Cli.run("reconcile", "--help");

        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).startsWith("Usage: qvarnmr-camel verify [-hV] [-c=CONFIG] [--report=FILE] HANDLERS.yaml")
                .contains("Read-only: takes no ownership and writes nothing", "0   No drift",
                        "4   Some target drifted, or a handler failed")
                .as("verify takes no ownership, so it is never refused for it").doesNotContain("1   Another worker");
        assertThat(reconcile.exitCode()).isZero();
        assertThat(reconcile.out()).startsWith("Usage: qvarnmr-camel reconcile [-hV] [-c=CONFIG] HANDLERS.yaml")
                .contains("Takes ownership of the instance like a worker", "1   Another worker owns the instance",
                        "4   Some sources or keys failed");
    }

    @Test
    void shouldAskVerifyAndReconcileForTheHandlersFile() {
        for (String command : List.of("verify", "reconcile")) {
            Cli.Result result = Cli.run(command);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
            assertThat(result.err()).startsWith("Missing required parameter: 'HANDLERS.yaml'");
        }
    }

    @Test
    void shouldPrintTheVersionOfTheBuild() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>qvarnmr-camel</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();

        Cli.Result result = Cli.run("--version");

        assertThat(result.out()).isEqualTo("qvarnmr-camel " + pom.group(1) + System.lineSeparator());
    }

    @Test
    void shouldHelpTheSameWayInEveryCommand() {
        List<String> problems = new ArrayList<>();
        List<CommandLine> commands = new ArrayList<>(List.of(RootCommand.commandLine()));
        commands.addAll(commands.get(0).getSubcommands().values());
        for (CommandLine cli : commands) {
            CommandSpec spec = cli.getCommandSpec();
            String name = spec.qualifiedName();
            if (spec.usageMessage().exitCodeList().isEmpty()) {
                problems.add(name + ": no exit codes in its help");
            }
            spec.usageMessage().exitCodeList().values().forEach(text -> sentence(name + " exit code", text, problems));
            for (String line : spec.usageMessage().description()) {
                sentence(name + " description", line, problems);
            }
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                sentence(name + " " + option.longestName(), String.join(" ", option.description()), problems);
                if (option.typeInfo().isBoolean() ? false : !PLACEHOLDER.matcher(option.paramLabel()).matches()) {
                    problems.add(name + " " + option.longestName() + ": placeholder " + option.paramLabel());
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                sentence(name + " " + p.paramLabel(), String.join(" ", p.description()), problems);
                if (!PLACEHOLDER.matcher(p.paramLabel()).matches()) {
                    problems.add(name + ": placeholder " + p.paramLabel());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** One sentence style: a capital first, a full stop last. */
    private static void sentence(String what, String text, List<String> problems) {
        String t = text.strip();
        if (t.isEmpty() || !Character.isUpperCase(t.charAt(0)) && !t.startsWith("-") || !t.endsWith(".")) {
            problems.add(what + ": not a sentence: " + t);
        }
    }
}
