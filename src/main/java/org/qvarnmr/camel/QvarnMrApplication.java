package org.qvarnmr.camel;

import org.qvarnmr.camel.cli.RootCommand;
import picocli.CommandLine;

/** {@code java -jar qvarnmr-camel.jar}: the command line, nothing else. */
public final class QvarnMrApplication {
    private QvarnMrApplication() {
    }

    public static void main(String[] args) {
        System.exit(RootCommand.commandLine().execute(args));
    }
}
