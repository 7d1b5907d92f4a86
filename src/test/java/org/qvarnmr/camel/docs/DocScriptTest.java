package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.docs.DocScript.Kind;

/** How the docs' tests read a document: every fenced block must say what it is. */
class DocScriptTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAFencedBlockWithoutAMarker() throws Exception {
        Path doc = Files.writeString(dir.resolve("doc.md"), "# T\n\n```sh\nrm -rf /\n```\n");

        assertThatThrownBy(() -> DocScript.parse(doc)).hasMessageContaining("doc.md:3: fenced block without a marker");
    }

    @Test
    void shouldReadFilesCommandsOutputsAndBackgroundProcessesInOrder() throws Exception {
        Path doc = Files.writeString(dir.resolve("doc.md"), """
                1. Write it:

                   <!-- file: types/a.yaml -->
                   ```yaml
                   path: /a
                   ```

                <!-- start: qvarn until: base_url= -->
                ```sh
                java -jar x.jar qvarn-server --port 9080
                ```
                <!-- run: exit 2 -->
                ```sh
                java -jar x.jar valdiate
                ```
                <!-- output: eventually -->
                ```text
                ... did you mean ...
                ```
                <!-- stop: qvarn -->
                <!-- not run: needs your own jar -->
                ```sh
                java -cp mine.jar
                ```
                """);

        DocScript script = DocScript.parse(doc);

        assertThat(script.steps()).extracting(DocScript.Step::kind)
                .containsExactly(Kind.FILE, Kind.START, Kind.RUN, Kind.OUTPUT, Kind.STOP, Kind.NOT_RUN);
        assertThat(script.steps().get(0).text()).isEqualTo("path: /a\n");
        assertThat(script.steps().get(0).arg()).isEqualTo("types/a.yaml");
        assertThat(script.steps().get(1).until()).isEqualTo("base_url=");
        assertThat(script.steps().get(2).expectedExit()).isEqualTo(2);
        assertThat(script.steps().get(3).arg()).isEqualTo("eventually");
    }

    @Test
    void shouldMatchShownOutputLineByLineWithEllipsesAndLooseSpacing() {
        String printed = "12:00:01.5 INFO [main] Resync - resync of a <- b (version 2) finished\n"
                + "{\"resources\":[{\"id\":\"f392-1\",\"total\":150}]}\n";

        assertThat(OutputMatch.firstMissing("... resync of a <- b   (version 2) finished\n{\"resources\":[{\"id\":\"...\",\"total\":150}]}", printed))
                .isNull();
        assertThat(OutputMatch.firstMissing("{\"resources\":[{\"id\":\"...\",\"total\":151}]}", printed))
                .isEqualTo("{\"resources\":[{\"id\":\"...\",\"total\":151}]}");
        assertThat(OutputMatch.firstMissing("{\"resources\":[{\"id\":\"...\",\"total\":150}]}\n... resync of a", printed))
                .as("in order").isEqualTo("... resync of a");
    }
}
