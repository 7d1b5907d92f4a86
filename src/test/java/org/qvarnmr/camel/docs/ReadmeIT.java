package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.docs.DocScript.Kind;
import org.qvarnmr.camel.docs.DocScript.Step;

/**
 * The README's commands work (and the preview of docs/testing-handlers.md): its build-and-run line names the jar the build makes and runs the demo,
 * and its five-minute tour runs as written, in a folder that holds the jar as target/qvarnmr-camel.jar
 * and this repository's config/.
 */
class ReadmeIT {
    @TempDir
    Path folder;

    @TempDir
    Path scratch;

    /** The folder a reader of the README works in: the built jar under target/, and config/. */
    @BeforeEach
    void repositoryLayout() throws Exception {
        Files.createDirectories(folder.resolve("target"));
        Files.createSymbolicLink(folder.resolve("target").resolve("qvarnmr-camel.jar"), DocRunner.jar());
        Files.createSymbolicLink(folder.resolve("config"), Path.of("config").toAbsolutePath());
    }

    /** The links go before the folder does, so JUnit's clean-up never follows them. */
    @AfterEach
    void removeLinks() throws Exception {
        Files.deleteIfExists(folder.resolve("target").resolve("qvarnmr-camel.jar"));
        Files.deleteIfExists(folder.resolve("config"));
    }

    @Test
    void shouldRunTheFiveMinuteTourAsWritten() throws Exception {
        DocScript readme = DocScript.parse(Path.of("README.md"));
        assertThat(readme.count(Kind.RUN)).as("tour commands").isGreaterThanOrEqualTo(4);

        try (DocRunner runner = new DocRunner(readme, folder, scratch)) {
            assertThat(runner.runAll()).hasSize(readme.steps().size());
        }
    }

    @Test
    void shouldRunThePreviewOfTestingHandlersAsWritten() throws Exception {
        DocScript doc = DocScript.parse(Path.of("docs", "testing-handlers.md"));
        assertThat(doc.count(Kind.RUN)).as("commands").isEqualTo(1);

        try (DocRunner runner = new DocRunner(doc, folder, scratch)) {
            assertThat(runner.runAll()).hasSize(doc.steps().size());
        }
    }

    @Test
    void shouldRunTheCommandsTheReadmeStartsWithInTheTour() throws Exception {
        DocScript readme = DocScript.parse(Path.of("README.md"));
        Step first = readme.steps().get(0);

        assertThat(first.text()).as("the README's two commands")
                .contains("mvn -B -q package -DskipTests && java -jar target/qvarnmr-camel.jar   #")
                .contains("mvn -B verify");
        // The build running this test is the package half and mvn -B verify itself; the tour runs the demo half.
        assertThat(readme.steps()).filteredOn(s -> s.kind() == Kind.RUN).extracting(Step::text)
                .contains("java -jar target/qvarnmr-camel.jar\n");
    }
}
