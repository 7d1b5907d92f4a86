package org.qvarnmr.camel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * The Qvarn one measured run talks to: a fresh embedded server (in this JVM, with the chosen latency
 * model) or a Qvarn given by URL, which must hold none of the benchmark's data yet.
 */
final class BenchTarget implements AutoCloseable {
    /** Every type the workload, the bindings and the worker's state use: all must start empty. */
    static final List<String> TYPES = List.of("orgs", "reports", "company_reports__map", "company_reports",
            "reports_counts__map", "reports_counts", "qvarnmr_listeners", "qvarnmr_handlers");

    private final URI baseUrl;
    private final EmbeddedQvarn embedded;

    private BenchTarget(URI baseUrl, EmbeddedQvarn embedded) {
        this.baseUrl = baseUrl;
        this.embedded = embedded;
    }

    /** A new in-process server with the example resource types ({@code typesDir}, else the bundled copy). */
    static BenchTarget embedded(Path typesDir, LatencyPreset latency) throws IOException {
        EmbeddedQvarn.Builder builder = EmbeddedQvarn.builder().latency(latency.model());
        if (typesDir != null && Files.isDirectory(typesDir)) {
            builder.resourceTypesDir(typesDir);
        } else {
            for (String type : TYPES) {
                builder.resourceTypeYaml(bundled("demo/resource-types/" + type + ".yaml"));
            }
        }
        EmbeddedQvarn server = builder.build().start();
        return new BenchTarget(server.baseUrl(), server);
    }

    /** A Qvarn that runs elsewhere; refuses one that already holds data of the benchmark's types. */
    static BenchTarget remote(URI baseUrl, QvarnClientSettings clientSettings) {
        try (QvarnClient client = new QvarnClient(clientSettings)) {
            List<String> used = new ArrayList<>();
            for (String type : TYPES) {
                int n = client.listIds(type).size();
                if (n > 0) {
                    used.add(type + " (" + n + ")");
                }
            }
            if (!used.isEmpty()) {
                throw new IllegalStateException("the Qvarn at " + baseUrl + " already holds " + String.join(", ", used)
                        + "; every measured run needs an empty one (a new 'qvarn-server' process, or a real Qvarn after its "
                        + "reset.sh)");
            }
        }
        return new BenchTarget(baseUrl, null);
    }

    URI baseUrl() {
        return baseUrl;
    }

    static String bundled(String resource) throws IOException {
        try (InputStream in = BenchTarget.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing bundled resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
