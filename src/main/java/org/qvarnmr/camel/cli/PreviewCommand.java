package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingException;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code preview HANDLERS.yaml --source TYPE --resource resource.json}: runs every map handler of one
 * source type on one resource and prints the (key, value) pairs each emits. Writes nothing and needs no
 * Qvarn; handlers that use {@code context.qvarn()} get null unless {@code --qvarn-url} or {@code -c} is given.
 */
@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the (key, value) pairs the map handlers of a source type emit for one resource.",
                "Writes nothing and needs no Qvarn: handlers that call context.qvarn() get a null client unless "
                        + "--qvarn-url or -c gives one (preview itself only reads; a handler that writes would write)."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:Every handler ran.", "1:A handler failed (its error is printed).",
                "2:Invalid bindings, resource file, source type, configuration or command line."})
public final class PreviewCommand implements Callable<Integer> {
    /** A handler threw: the preview is printed, with the failure in place of its pairs. */
    static final int HANDLER_FAILED = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HANDLERS.yaml", description = "The handler bindings file.")
    Path handlers;

    @Option(names = "--source", required = true, paramLabel = "TYPE",
            description = "The source resource type (path name, e.g. reports).")
    String source;

    @Option(names = "--resource", required = true, paramLabel = "FILE",
            description = "The source resource as a JSON object; - reads standard input.")
    Path resource;

    @Option(names = "--qvarn-url", paramLabel = "URL",
            description = "A Qvarn for handlers that call context.qvarn(); credentials as for the worker "
                    + "(-c, or QVARN_CLIENT_ID and QVARN_CLIENT_SECRET), none by default.")
    URI qvarnUrl;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "Take Qvarn's URL and credentials from the worker's configuration instead.")
    Path config;

    @Option(names = "--json", description = "Print one JSON array instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CamelContext camel = WorkerRuntime.newContext();
        HandlerBindings bindings;
        ObjectNode input;
        QvarnClient qvarn;
        try {
            bindings = BindingsLoader.forSettings(CamelHandlerResolver.of(camel), ConfigSource.load(config, System.getenv(), System.getProperties()))
                    .load(handlers);
            input = readResource();
            checkSource(bindings);
            qvarn = client(bindings);
        } catch (BindingException | ConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        try {
            boolean failed = false;
            ArrayNode report = JSON.createArrayNode();
            for (HandlerBinding binding : bindings.mapHandlersOf(source)) {
                ObjectNode entry = report.addObject();
                entry.put("target", binding.target());
                entry.put("source", binding.source());
                entry.put("handler", binding.description());
                entry.put("version", binding.version());
                ArrayNode pairs = entry.putArray("pairs");
                try {
                    List<KeyValue> emitted = binding.mapHandler().map(input.deepCopy(),
                            new HandlerContext(qvarn, binding.source(), binding.target()));
                    for (KeyValue pair : emitted == null ? List.<KeyValue>of() : emitted) {
                        pairs.addObject().<ObjectNode>set("key", pair.key()).set("value", pair.value());
                    }
                    entry.putNull("error");
                } catch (Exception e) {
                    failed = true;
                    entry.put("error", e.toString());
                }
            }
            if (json) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                printText(out, report);
            }
            out.flush();
            return failed ? HANDLER_FAILED : ExitCodes.OK;
        } finally {
            if (qvarn != null) {
                qvarn.close();
            }
        }
    }

    private static void printText(PrintWriter out, ArrayNode report) {
        for (JsonNode entry : report) {
            out.printf("%s <- %s: %s (version %d)%n", entry.get("target").asText(), entry.get("source").asText(),
                    entry.get("handler").asText(), entry.get("version").asInt());
            if (!entry.get("error").isNull()) {
                out.println("  FAILED: " + entry.get("error").asText());
                continue;
            }
            if (entry.get("pairs").isEmpty()) {
                out.println("  (no pairs: the resource has no rows in this target)");
            }
            for (JsonNode pair : entry.get("pairs")) {
                out.println("  " + pair + note(pair.get("key")));
            }
        }
    }

    /** What the worker does with keys it does not store. */
    private static String note(JsonNode key) {
        if (key.isNull() || key.isMissingNode() || (key.isTextual() && key.asText().isEmpty())) {
            return "   # null or empty key: the worker writes no row for it";
        }
        if (key.isContainerNode()) {
            return "   # not a scalar key: the worker fails this change";
        }
        return "";
    }

    private ObjectNode readResource() {
        String name = resource.toString();
        String text;
        try {
            if (name.equals("-")) {
                InputStream in = System.in;
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                text = Files.readString(resource, StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read: " + e.getMessage());
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new IllegalArgumentException(where + ": malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(name + ": the resource must be a JSON object, found "
                    + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return (ObjectNode) node;
    }

    private void checkSource(HandlerBindings bindings) {
        if (!bindings.mapHandlersOf(source).isEmpty()) {
            return;
        }
        String sources = String.join(", ", bindings.all().stream().filter(b -> b.kind() == HandlerKind.MAP)
                .map(HandlerBinding::source).distinct().toList());
        String hint = bindings.reduceHandlerOf(source)
                .map(r -> "; '" + source + "' is a map target read by reduce target '" + r.target()
                        + "', and preview shows map handlers only")
                .orElse("");
        throw new IllegalArgumentException("no map handler in " + handlers + " reads '" + source + "'" + hint
                + "; map sources there: " + sources);
    }

    /** Null without --qvarn-url and -c; otherwise an authenticated client as the worker would have. */
    private QvarnClient client(HandlerBindings bindings) {
        if (qvarnUrl == null && config == null) {
            return null;
        }
        Map<String, ConfigSource.Value> values = ConfigSource.load(config, System.getenv(), System.getProperties());
        if (qvarnUrl != null) {
            values.put(Settings.BASE_URL.name(), new ConfigSource.Value(qvarnUrl.toString(), "--qvarn-url"));
        }
        values.putIfAbsent(Settings.INSTANCE.name(), new ConfigSource.Value("preview", "preview"));
        QvarnClientSettings settings = WorkerSettings.from(values, RequiredScopes.of(bindings)).qvarn();
        return new QvarnClient(settings);
    }
}
