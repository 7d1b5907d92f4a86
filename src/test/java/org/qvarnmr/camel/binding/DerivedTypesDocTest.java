package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.it.reliability.Cli;

/** docs/derived-types.md shows the command and a file it writes: both must stay true. */
class DerivedTypesDocTest {
    @TempDir
    Path dir;

    @Test
    void shouldShowWhatTheTypesCommandReallyWrites() throws Exception {
        String doc = Files.readString(Path.of("docs", "derived-types.md"));
        Path out = dir.resolve("my-types");

        Cli.Result result = Cli.run("types", "config/handlers.yaml", "--source-types", "config/resource-types",
                "--out", out.toString());

        assertThat(doc).contains("java -jar target/qvarnmr-camel.jar types config/handlers.yaml --source-types "
                + "config/resource-types --out my-types\n");
        assertThat(doc).contains("`" + result.out().strip().replace(out.toString(), "my-types") + "`");
        String written = Files.readString(out.resolve("reports_counts.yaml"));
        assertThat(doc).contains("```yaml\n" + written.substring(written.indexOf("path: ")) + "```\n");
    }
}
