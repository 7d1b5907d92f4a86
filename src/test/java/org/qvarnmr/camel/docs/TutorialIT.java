package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.docs.DocScript.Kind;

/**
 * docs/tutorial.md (and the checks of docs/migration.md) are true: in an empty folder holding only the built jar, every file it shows is
 * written and every command it shows is run in order against the embedded Qvarn it starts, and each
 * prints what the tutorial says it prints.
 */
class TutorialIT {
    @TempDir
    Path folder;

    @TempDir
    Path scratch;

    @Test
    void shouldRunTheTranslatedBindingsOfTheMigrationGuide() throws Exception {
        DocScript guide = DocScript.parse(Path.of("docs", "migration.md"));
        assertThat(guide.count(Kind.RUN)).as("commands").isEqualTo(1);
        Files.createSymbolicLink(folder.resolve("qvarnmr-camel.jar"), DocRunner.jar());

        try (DocRunner runner = new DocRunner(guide, folder, scratch)) {
            assertThat(runner.runAll()).hasSize(guide.steps().size());
        } finally {
            Files.deleteIfExists(folder.resolve("qvarnmr-camel.jar"));
        }
    }

    @Test
    void shouldRunEveryFileAndCommandOfTheTutorial() throws Exception {
        DocScript tutorial = DocScript.parse(Path.of("docs", "tutorial.md"));
        assertThat(tutorial.count(Kind.NOT_RUN)).as("blocks the test cannot run (only the folder set-up)").isEqualTo(1);
        assertThat(tutorial.count(Kind.FILE)).as("files written").isGreaterThanOrEqualTo(6);
        Files.createSymbolicLink(folder.resolve("qvarnmr-camel.jar"), DocRunner.jar());

        try (DocRunner runner = new DocRunner(tutorial, folder, scratch)) {
            List<String> done = runner.runAll();

            assertThat(done).hasSize(tutorial.steps().size());
        } finally {
            Files.deleteIfExists(folder.resolve("qvarnmr-camel.jar")); // the link, before JUnit's clean-up sees it
        }
    }
}
