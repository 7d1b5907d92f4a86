package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.SourceTypeCheck;
import org.qvarnmr.camel.binding.SourceTypes;
import org.qvarnmr.camel.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate HANDLERS.yaml [--source-types DIR] [--routes PATTERN]}: checks a bindings file (and that the routes of {@code route:} handlers exist) without touching Qvarn; exit 0 or 2. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a handler bindings file without touching Qvarn, and list its handlers.",
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:The bindings are valid.", ExitCodeHelp.INVALID})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HANDLERS.yaml", description = "The handler bindings file.")
    Path handlers;

    @Option(names = "--source-types", paramLabel = "DIR",
            description = "The resource types' YAML files: join names must be types of their sources, and the "
                    + "fields that item, expression, join and map: value(f) read must be in the types.")
    Path sourceTypes;

    @Mixin
    RoutesOption routes;

    @Override
    public Integer call() {
        HandlerBindings bindings = routes.load(handlers);
        SourceTypes types;
        try {
            types = sourceTypes == null ? SourceTypes.NONE : SourceTypes.of(sourceTypes);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.INVALID;
        }
        List<String> notes = SourceTypeCheck.check(bindings, types);
        System.out.println(handlers + ": OK, " + bindings.all().size() + " handlers" + (sourceTypes == null ? ""
                : " (checked against the " + types.size() + " resource types in " + sourceTypes + ")"));
        for (HandlerBinding b : bindings.all()) {
            System.out.printf("  %-30s <- %-30s %-6s v%-11d %s%n", b.target(), b.source(),
                    b.kind().name().toLowerCase(java.util.Locale.ROOT), b.version(), b.description());
        }
        notes.forEach(note -> System.out.println("  note: " + note));
        return ExitCodes.OK;
    }
}
