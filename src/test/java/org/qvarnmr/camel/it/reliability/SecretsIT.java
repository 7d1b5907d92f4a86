package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TypeYaml;

/**
 * The client secret and the tokens issued for it never appear in anything the worker writes: stdout,
 * stderr (logs at DEBUG), dead letters, nor in the output of {@code replay} or of a refused start. The
 * worker runs as a process ({@code java -jar}) against an embedded Qvarn that requires tokens. Nor does a
 * mistake show it: a configuration line the worker cannot read, a password in the base URL, or a handlers
 * file whose expression would copy it out of the environment into derived rows (refused at load).
 *
 * <p>Related guarantees proven elsewhere: TLS certificates are verified unless
 * {@code qvarn.verify-requests = no} (qvarn/client/QvarnClientTlsTest); the embedded server binds
 * 127.0.0.1 by default (qvarn/server/QvarnServerCommandTest) and with auth refuses tokens without the
 * route's scope (qvarn/server/AuthTest); client exceptions never carry a secret
 * (qvarn/client/QvarnClientSecretsTest).
 */
class SecretsIT {
    private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
    private static final String WRONG_SECRET = "wr0ng-" + UUID.randomUUID();
    private static final String BINDINGS = Bindings.README_BINDINGS + """
            org_names__map:
              orgs: {type: map, version: 1, handler: item(names)}
            """;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
    Path dir;

    @Test
    void shouldNeverWriteTheSecretOrATokenAnywhere() throws Exception {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .resourceTypeYaml(TypeYaml.derived("org_names__map", false))
                .auth("worker", SECRET).build().start();
             QvarnClient client = new QvarnClient(new QvarnClientSettings(qvarn.baseUrl(), null, "worker",
                     Secret.of(SECRET), List.of(), true, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, 4))) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("qvarn.base-url", qvarn.baseUrl().toString());
            props.put("qvarn.client-id", "worker");
            props.put("qvarn.client-secret", SECRET);
            props.put("qvarnmr.instance", "secrets");
            props.put("qvarnmr.poll-interval", "50ms");
            props.put("qvarnmr.retry.delay", "50ms");
            props.put("qvarnmr.retry.max-attempts", "1");
            props.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
            JarWorker jar = new JarWorker(dir, BINDINGS, props).env("QVARNMR_LOG_LEVEL", "DEBUG");
            String[] worker = {jar.handlers.toString(), "-c", jar.config.toString()};

            assertThat(jar.run("first", Duration.ofSeconds(60), worker).exitCode()).isZero();
            ObjectNode org = new ObjectMapper().createObjectNode();
            org.putArray("names").add("Acme");
            String orgId = client.create("orgs", org).get("id").asText();
            ObjectNode report = new ObjectMapper().createObjectNode().put("org", orgId);
            client.create("reports", report);
            JarWorker.Result second = jar.run("second", Duration.ofSeconds(60), worker);
            JarWorker.Result replay = jar.run("replay", Duration.ofSeconds(60), "replay", jar.handlers.toString(),
                    "-c", jar.config.toString());
            Files.writeString(jar.config, Files.readString(jar.config).replace(SECRET, WRONG_SECRET));
            JarWorker.Result refused = jar.run("refused", Duration.ofSeconds(60), worker);

            assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.NOT_ALL_DONE); // the org dead-letters
            assertThat(second.stderr()).as("logs at DEBUG, requests included").contains("DEBUG", "GET /orgs/");
            assertThat(replay.exitCode()).as(replay.all()).isEqualTo(ExitCodes.NOT_ALL_REPLAYED);
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
            List<Path> letters;
            try (Stream<Path> files = Files.walk(dir.resolve("dead-letters"))) {
                letters = files.filter(f -> f.toString().endsWith(".json")).toList();
            }
            assertThat(letters).as("the org's change was dead-lettered").isNotEmpty();

            StringBuilder everything = new StringBuilder();
            for (String run : List.of("first", "second", "replay", "refused")) {
                everything.append(jar.output(run));
            }
            for (Path letter : letters) {
                everything.append(Files.readString(letter, StandardCharsets.UTF_8));
            }
            String basic = Base64.getEncoder().encodeToString(("worker:" + SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(everything.toString()).doesNotContain(SECRET, WRONG_SECRET, basic, "Bearer ")
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}");
        }
    }

    @Test
    void shouldShowNoSecretWhenTheConfigurationOrAnExpressionIsRefused() throws Exception {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .resourceTypeYaml(TypeYaml.derived("org_names__map", false))
                .auth("worker", SECRET).build().start()) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("qvarn.base-url", qvarn.baseUrl().toString());
            props.put("qvarn.client-id", "worker");
            props.put("qvarnmr.instance", "secrets");
            props.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
            String copiesTheSecret = Bindings.README_BINDINGS + """
                    org_names__map:
                      orgs: {type: map, version: 1, handler: {expression: {language: simple, key: "${env:QVARN_CLIENT_SECRET}"}}}
                    """;
            JarWorker jar = new JarWorker(dir, copiesTheSecret, props).env("QVARN_CLIENT_SECRET", SECRET);
            Path ini = Files.writeString(dir.resolve("qvarnmr.cfg"), "[qvarn]\nbase_url = " + qvarn.baseUrl()
                    + "\nclient_id = worker\nclient_secret " + SECRET + "\n[qvarnmr]\ninstance = secrets\n");
            Path withPassword = Files.writeString(dir.resolve("password.cfg"), "[qvarn]\nbase_url = "
                    + qvarn.baseUrl().toString().replace("://", "://worker:" + SECRET + "@")
                    + "\n[qvarnmr]\ninstance = secrets\n");

            JarWorker.Result expression = jar.run("expression", Duration.ofSeconds(60), jar.handlers.toString(), "-c",
                    jar.config.toString());
            JarWorker.Result preview = jar.run("preview", Duration.ofSeconds(60), "preview", jar.handlers.toString(),
                    "--source", "orgs", "--resource", Files.writeString(dir.resolve("org.json"), "{\"id\": \"o\"}")
                            .toString());
            JarWorker.Result parse = jar.run("parse", Duration.ofSeconds(60), jar.handlers.toString(), "-c", ini.toString());
            JarWorker.Result url = jar.run("url", Duration.ofSeconds(60), jar.handlers.toString(), "-c",
                    withPassword.toString());

            for (JarWorker.Result refused : List.of(expression, preview, parse, url)) {
                assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID);
                assertThat(refused.all()).doesNotContain(SECRET).doesNotContain("\tat ");
            }
            assertThat(expression.stderr()).contains("'env:' is not reading the resource");
            assertThat(parse.stderr()).contains(ini + ":4:", "client_secret");
            assertThat(url.stderr()).contains("qvarn.base-url (" + withPassword + ":2)", "user name or password");
            assertThat(qvarn.stats().total()).as("nothing was asked of Qvarn, nothing written").isZero();
        }
    }
}
