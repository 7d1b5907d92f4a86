package org.qvarnmr.camel.karaf.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/karaf.md shows the example configuration that KarafStandaloneIT runs in Karaf, not a copy that may drift. */
class KarafDocTest {
    private static final String MARKER = "<!-- example: src/main/karaf/etc/org.qvarnmr.camel.cfg -->\n```properties\n";

    @Test
    void shouldShowTheShippedExampleConfiguration() throws Exception {
        String doc = Files.readString(Path.of("docs", "karaf.md"));
        int start = doc.indexOf(MARKER);
        assertThat(start).as("the example block in docs/karaf.md").isNotNegative();
        String block = doc.substring(start + MARKER.length(), doc.indexOf("```", start + MARKER.length()));

        assertThat(block).isEqualTo(Files.readString(Path.of("src", "main", "karaf", "etc", "org.qvarnmr.camel.cfg")));
    }
}
