package org.qvarnmr.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.QvarnMr;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code application.yml} of docs/camel-users.md ("## Spring Boot"), as written, with only Qvarn's address
 * and the dead-letter folder given on the command line: the worker it configures derives rows, and when the
 * application closes it releases its instance, so the next application with the same instance starts at once
 * (a worker still owning it would make that start fail for the keep-alive timeout, 60 s).
 */
class SpringBootDocExampleTest {
    static final Path DOC = Path.of("docs", "camel-users.md");
    static final String HEADING = "## Spring Boot";

    @TempDir
    Path dir;
    private QvarnMrHarness qvarn;

    @BeforeEach
    void startQvarn() throws IOException {
        qvarn = TestQvarn.start();
    }

    @AfterEach
    void stopQvarn() {
        qvarn.close();
    }

    /** The first {@code yaml} block under {@value #HEADING}, found by its heading, not its line. */
    static String exampleYaml() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int at = lines.indexOf(HEADING);
        assertThat(at).as("heading '%s' in %s", HEADING, DOC).isNotNegative();
        StringBuilder yaml = null;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (yaml == null && line.startsWith("## ")) {
                break;
            }
            if (yaml == null && line.equals("```yaml")) {
                yaml = new StringBuilder();
            } else if (yaml != null && line.startsWith("```")) {
                return yaml.toString();
            } else if (yaml != null) {
                yaml.append(line).append('\n');
            }
        }
        throw new AssertionError("no ```yaml block under '" + HEADING + "' in " + DOC);
    }

    private ConfigurableApplicationContext start(Path config) {
        return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE).run(
                "--spring.config.location=file:" + config,
                "--qvarn.base-url=" + qvarn.baseUrl(),
                "--qvarnmr.dead-letter-uri=file:" + dir.resolve("dead-letters"));
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    @Test
    void shouldRunTheDocumentedApplicationYmlAndReleaseTheInstanceOnClose() throws IOException {
        Path config = Files.writeString(dir.resolve("application.yml"), exampleYaml());
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");

        String first;
        try (ConfigurableApplicationContext app = start(config)) {
            QvarnMr worker = app.getBean(QvarnMr.class);
            assertThat(worker.settings().instance()).isEqualTo("reports");
            assertThat(worker.settings().retry().maxAttempts()).isEqualTo(5);
            first = worker.engine().ownership().signature();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 1);
        }
        assertThat(qvarn.derived("qvarnmr_listeners")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("owner").isNull()).as("owner released: %s", r).isTrue());

        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        try (ConfigurableApplicationContext next = start(config)) {
            QvarnMr worker = next.getBean(QvarnMr.class);
            assertThat(worker.engine().ownership().signature()).isNotEqualTo(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 2);
        }
    }
}
