package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The worker's arguments, shared by {@code worker} and the bare {@code HANDLERS.yaml -c CONFIG [-f]} form. */
final class WorkerOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HANDLERS.yaml", description = "The handler bindings file.")
    Path handlers;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "The original's INI file (qvarnmr.cfg) or a Camel application.properties.")
    Path config;

    @Option(names = {"-f", "--forever"}, description = "Keep running (otherwise process what is pending and exit).")
    boolean forever;
}
