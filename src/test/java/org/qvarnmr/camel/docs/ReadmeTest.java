package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;

/** The README's settings table stays in step with the settings the code reads. */
class ReadmeTest {
    @Test
    void shouldDocumentEverySettingWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Settings.ALL) {
            String expectedDefault = s.defaultValue() == null ? "required"
                    : s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
            assertThat(readme).as("README row of %s", s.name())
                    .contains("| `" + s.name() + "` |").contains("| " + expectedDefault + " | " + s.description());
        }
    }
}
