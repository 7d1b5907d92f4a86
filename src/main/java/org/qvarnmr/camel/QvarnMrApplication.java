package org.qvarnmr.camel;

import org.qvarnmr.camel.cli.RootCommand;
import org.qvarnmr.camel.runtime.Launch;
import picocli.CommandLine;

/** {@code java -jar qvarnmr-camel.jar}: the command line, nothing else. */
public final class QvarnMrApplication {
    private QvarnMrApplication() {
    }

    public static void main(String[] args) {
        // This process is the worker's own: its start-up window counts from the process start, and running out
        // of memory ends it (runtime/Launch).
        System.exit(RootCommand.commandLine(Launch.ofThisProcess()).execute(args));
    }
}
