package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;

/** The settings table of docs/configuration.md stays in step with the settings the code reads. */
class ConfigurationDocTest {
    @Test
    void shouldDocumentEverySettingWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("docs", "configuration.md"));
        for (Setting s : Settings.ALL) {
            String expectedDefault = s.defaultValue() == null ? "required"
                    : s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
            assertThat(doc).as("docs/configuration.md row of %s", s.name())
                    .contains("| `" + s.name() + "` |").contains("| " + expectedDefault + " | " + s.description());
        }
    }
}
