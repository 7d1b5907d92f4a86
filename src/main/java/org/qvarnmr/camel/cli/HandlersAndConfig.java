package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The two arguments of the commands that work on a worker's Qvarn: {@code HANDLERS.yaml -c CONFIG}. */
final class HandlersAndConfig {
    @Parameters(index = "0", paramLabel = "HANDLERS.yaml", description = "The handler bindings file.")
    Path handlers;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "The worker's configuration file (the original's qvarnmr.cfg or an application.properties).")
    Path config;
}
