package org.qvarnmr.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;

/**
 * The Spring Boot configuration metadata (IDE completion of {@code application.yml}) is the settings' list,
 * {@link Settings#ALL}, plus {@value SpringSettings#HANDLERS}: after a setting is added or changed, this test
 * fails and writes the file to put in its place to {@code target/}.
 */
class SpringMetadataTest {
    static final Path FILE = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");
    static final Path GENERATED = Path.of("target/spring-configuration-metadata.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Settings read as yes or no ({@code WorkerSettings}' bool), and the one that also takes auto. */
    private static final Set<String> YES_NO = Set.of("yes", "no");

    static JsonNode expected() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        groups.addObject().put("name", "qvarn").put("description", "How the worker reaches Qvarn (docs/configuration.md).");
        groups.addObject().put("name", "qvarnmr").put("description", "The map/reduce worker (docs/configuration.md).");
        ArrayNode properties = root.putArray("properties");
        properties.addObject().put("name", SpringSettings.HANDLERS).put("type", "java.lang.String")
                .put("description", "The handler bindings file, or classpath:NAME; setting it starts the worker "
                        + "(docs/camel-users.md#spring-boot).");
        ArrayNode hints = root.putArray("hints");
        for (Setting s : Settings.ALL) {
            ObjectNode p = properties.addObject().put("name", s.name()).put("type", "java.lang.String")
                    .put("description", s.description());
            if (s.defaultValue() != null && !s.defaultValue().isEmpty()) {
                p.put("defaultValue", s.defaultValue());
            }
            if (s.defaultValue() != null && (YES_NO.contains(s.defaultValue()) || s == Settings.MANAGEMENT_ENABLED)) {
                ArrayNode values = hints.addObject().put("name", s.name()).putArray("values");
                values.addObject().put("value", "yes");
                values.addObject().put("value", "no");
                if (s == Settings.MANAGEMENT_ENABLED) {
                    values.addObject().put("value", "auto");
                }
            }
        }
        return root;
    }

    @Test
    void shouldDescribeEverySettingForIdeCompletion() throws IOException {
        JsonNode expected = expected();
        JsonNode actual = Files.exists(FILE) ? JSON.readTree(FILE.toFile()) : null;
        if (!expected.equals(actual)) {
            Files.createDirectories(GENERATED.getParent());
            JSON.writeValue(GENERATED.toFile(), expected);
        }
        assertThat(actual).as("%s is not config/Settings' list; the right one was written to %s: copy it over", FILE,
                GENERATED).isEqualTo(expected);
    }
}
