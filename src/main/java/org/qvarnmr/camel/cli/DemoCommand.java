package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo: an embedded Qvarn with the example types, the README's bindings, sample orgs and reports,
 * one worker pass and a table of the derived resources; with {@code -f} it keeps running so you can
 * change data with curl and watch the derived resources follow.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the map/reduce demo on an embedded Qvarn.",
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:The demo ran (or, with -f, was stopped).",
                "2:Invalid demo bindings or types (--handlers, --resource-types) or command line."})
final class DemoCommand implements Callable<Integer> {
    private static final String[] ORGS = {"Acme Oy", "Globex AB", "Initech AS", "Umbrella GmbH"};
    private static final int[] REPORTS_PER_ORG = {3, 1, 2, 0};

    @Option(names = {"-f", "--forever"}, description = "Keep the server and the worker running.")
    boolean forever;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The port of the embedded Qvarn (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 0;

    @Option(names = "--resource-types", paramLabel = "DIR",
            description = "The folder of Qvarn type files (default: ${DEFAULT-VALUE}).")
    Path resourceTypes = Path.of("config", "resource-types");

    @Option(names = "--handlers", paramLabel = "HANDLERS.yaml",
            description = "The handler bindings (default: ${DEFAULT-VALUE}).")
    Path handlers = Path.of("config", "handlers.yaml");

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        EmbeddedQvarn.Builder server = EmbeddedQvarn.builder().port(port);
        if (Files.isDirectory(resourceTypes)) {
            server.resourceTypesDir(resourceTypes);
        } else {
            for (String name : List.of("orgs", "reports", "company_reports__map", "company_reports",
                    "reports_counts__map", "reports_counts", "qvarnmr_listeners", "qvarnmr_handlers")) {
                server.resourceTypeYaml(bundled("demo/resource-types/" + name + ".yaml"));
            }
        }
        try (EmbeddedQvarn qvarn = server.build().start()) {
            out.println("embedded Qvarn: base_url=" + qvarn.baseUrl());
            var camel = WorkerRuntime.newContext();
            BindingsLoader loader = new BindingsLoader(CamelHandlerResolver.of(camel));
            HandlerBindings bindings = Files.isRegularFile(handlers) ? loader.load(handlers)
                    : loader.parse(bundled("demo/handlers.yaml"), "handlers.yaml (bundled)");
            Map<String, ConfigSource.Value> values = new HashMap<>();
            values.put(Settings.BASE_URL.name(), new ConfigSource.Value(qvarn.baseUrl().toString(), "demo"));
            values.put(Settings.INSTANCE.name(), new ConfigSource.Value("demo", "demo"));
            values.put(Settings.DEAD_LETTER_URI.name(), new ConfigSource.Value("log:qvarnmr-demo-dead-letters", "demo"));
            WorkerSettings settings = WorkerSettings.from(values, RequiredScopes.of(bindings));
            try (QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()))) {
                seed(client);
                out.println("sample data: " + ORGS.length + " orgs, " + sum(REPORTS_PER_ORG) + " reports; running one pass...");
                int code = new WorkerRuntime(camel, bindings, settings, out).run(false);
                if (code != ExitCodes.OK) {
                    return code;
                }
                DemoTables tables = new DemoTables(client, bindings);
                for (String target : bindings.targetTypes()) {
                    tables.print(out, target);
                }
                if (!forever) {
                    return ExitCodes.OK;
                }
            }
            out.println();
            out.println("Keeps running; change data and watch the derived types follow, e.g.:");
            out.println("  curl -s " + qvarn.baseUrl() + "/orgs");
            out.println("  curl -s -X POST -H 'Content-Type: application/json' -d '{\"org\": \"<org id>\"}' "
                    + qvarn.baseUrl() + "/reports");
            out.println("  curl -s " + qvarn.baseUrl() + "/reports_counts/search/show_all/exact/_mr_key/<org id>");
            out.println("Each pass that changes a result prints one line, e.g. changed: reports_counts[Acme Oy] 3 -> 4.");
            out.println("Stop with Ctrl-C.");
            var running = WorkerRuntime.newContext();
            try (QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()))) {
                running.addRoutes(new DemoWatch(client, bindings, new DemoTables(client, bindings), out));
                return new WorkerRuntime(running, bindings, settings, out).run(true);
            }
        }
    }

    private static void seed(QvarnClient client) {
        for (int i = 0; i < ORGS.length; i++) {
            ObjectNode org = JsonNodeFactory.instance.objectNode();
            org.putArray("names").add(ORGS[i]);
            org.put("country", "FI");
            String orgId = client.create("orgs", org).get("id").asText();
            for (int r = 0; r < REPORTS_PER_ORG[i]; r++) {
                ObjectNode report = JsonNodeFactory.instance.objectNode();
                report.put("org", orgId);
                report.put("report_type", "bolagsfakta");
                client.create("reports", report);
            }
        }
    }

    private static int sum(int[] xs) {
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }

    private static String bundled(String resource) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing bundled resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
