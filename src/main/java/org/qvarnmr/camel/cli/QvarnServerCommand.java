package org.qvarnmr.camel.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.qvarn.server.LatencyModel;
import org.qvarnmr.camel.qvarn.server.store.ResourceTypeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the embedded Qvarn-compatible server until the JVM stops. Prints one line,
 * {@code base_url=http://HOST:PORT}, once requests are accepted, so scripts can wait for it.
 */
@Command(name = "qvarn-server", mixinStandardHelpOptions = true,
        description = "Run an in-memory Qvarn 0.82 compatible HTTP server; prints base_url=URL once it accepts requests.",
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:Stopped.", "1:The server could not start (e.g. the port is taken).",
                "2:Unusable resource type files or command line."})
public final class QvarnServerCommand implements Callable<Integer> {
    /** Exit code for unusable resource type files. */
    static final int BAD_TYPES = 2;

    /** The latency models selectable on the command line. */
    public enum LatencyModelName {
        none(LatencyModel.NONE),
        qvarn_082_postgres(LatencyModel.QVARN_082_POSTGRES);

        private final LatencyModel model;

        LatencyModelName(LatencyModel model) {
            this.model = model;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "9080", paramLabel = "PORT",
            description = "The port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "The address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--resource-types", paramLabel = "DIR", defaultValue = "config/resource-types",
            description = "The folder of Qvarn resource type YAML files (default: ${DEFAULT-VALUE}).")
    private Path resourceTypes;

    @Option(names = "--auth", description = "Require RS512 bearer tokens from POST /auth/token.")
    private boolean auth;

    @Option(names = "--client-id", paramLabel = "ID", description = "The client id POST /auth/token accepts with --auth.")
    private String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET",
            description = "The client secret POST /auth/token accepts with --auth.")
    private String clientSecret;

    @Option(names = "--latency-model", defaultValue = "none", paramLabel = "MODEL",
            converter = LatencyModelConverter.class,
            description = "The latency to add: none or qvarn-0.82-postgres (default: ${DEFAULT-VALUE}).")
    private LatencyModelName latencyModel;

    /** Accepts the documented dashed spelling, e.g. {@code qvarn-0.82-postgres}. */
    static final class LatencyModelConverter implements picocli.CommandLine.ITypeConverter<LatencyModelName> {
        @Override
        public LatencyModelName convert(String value) {
            return switch (value) {
                case "none" -> LatencyModelName.none;
                case "qvarn-0.82-postgres" -> LatencyModelName.qvarn_082_postgres;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected none or qvarn-0.82-postgres, got '" + value + "'");
            };
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (auth && (clientId == null || clientSecret == null)) {
            throw new ParameterException(spec.commandLine(), "--auth needs --client-id and --client-secret");
        }
        EmbeddedQvarn server;
        try {
            EmbeddedQvarn.Builder builder = EmbeddedQvarn.builder().host(host).port(port)
                    .resourceTypesDir(resourceTypes).latency(latencyModel.model);
            if (auth) {
                builder.auth(clientId, clientSecret);
            }
            server = builder.build().start();
        } catch (ResourceTypeException e) {
            err.println("qvarn-server: " + e.getMessage());
            err.flush();
            return BAD_TYPES;
        } catch (UncheckedIOException e) {
            err.println("qvarn-server: " + e.getMessage() + ": " + e.getCause().getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "qvarn-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("base_url=" + server.baseUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // an embedding caller stops the command by interrupting it
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
        }
        return 0;
    }
}
