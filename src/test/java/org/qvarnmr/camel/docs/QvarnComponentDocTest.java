package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.component.DerivedHeaders;
import org.qvarnmr.camel.component.QvarnComponent;
import org.qvarnmr.camel.component.QvarnConstants;
import org.qvarnmr.camel.component.QvarnEndpoint;
import org.qvarnmr.camel.component.QvarnMrEndpoint;

/**
 * The options and headers tables of docs/camel-users.md ("The qvarn: component", "Derived changes in your
 * routes") are the components' annotations ({@code @Metadata}, {@code @UriPath}, {@code @UriParam}), read by
 * reflection; a failure prints the table the doc should hold.
 */
class QvarnComponentDocTest {
    static final Path DOC = Path.of("docs", "camel-users.md");

    @Test
    void shouldDocumentTheComponentOptions() throws Exception {
        List<String> rows = new ArrayList<>(List.of("| Option | Default | Type | Description |", "|---|---|---|---|"));
        for (Field f : QvarnComponent.class.getDeclaredFields()) {
            Metadata m = f.getAnnotation(Metadata.class);
            if (m != null) {
                rows.add(row(f.getName(), orDash(m.defaultValue()), type(f, m.javaType()), m.description()));
            }
        }
        assertTable(rows);
    }

    @Test
    void shouldDocumentTheEndpointOptions() throws Exception {
        assertTable(endpointRows(QvarnEndpoint.class));
        assertTable(endpointRows(QvarnMrEndpoint.class));
    }

    @Test
    void shouldNameEveryOptionTheEndpointInheritsFromCamel() throws Exception {
        List<String> inherited = new ArrayList<>();
        for (Class<?> c = QvarnEndpoint.class.getSuperclass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                UriParam p = f.getAnnotation(UriParam.class);
                if (p != null) {
                    inherited.add("`" + (p.name().isEmpty() ? f.getName() : p.name()) + "`");
                }
            }
        }
        inherited.sort(null);
        assertThat(Files.readString(DOC)).as("docs/camel-users.md: the options inherited from Camel's endpoints")
                .contains("Camel's own endpoint and scheduled-poll options: " + String.join(", ", inherited) + ".");
    }

    @Test
    void shouldDocumentTheHeaders() throws Exception {
        assertTable(headerRows(QvarnConstants.class));
        assertTable(headerRows(DerivedHeaders.class));
    }

    private static List<String> endpointRows(Class<?> endpoint) {
        List<String> rows = new ArrayList<>(List.of("| Option | Kind | Label | Default | Type | Description |",
                "|---|---|---|---|---|---|"));
        for (Field f : endpoint.getDeclaredFields()) {
            UriPath path = f.getAnnotation(UriPath.class);
            UriParam param = f.getAnnotation(UriParam.class);
            if (path != null) {
                Metadata m = f.getAnnotation(Metadata.class);
                rows.add(row(f.getName(), "path", m != null && m.required() ? "required" : "",
                        orDash(path.defaultValue()), type(f, path.javaType()), path.description()));
            } else if (param != null) {
                rows.add(row(f.getName(), "query", param.label().isEmpty() ? "common" : param.label(),
                        orDash(param.defaultValue()), type(f, param.javaType()), param.description()));
            }
        }
        return rows;
    }

    private static List<String> headerRows(Class<?> constants) throws IllegalAccessException {
        List<String> rows = new ArrayList<>(List.of("| Header | Label | Description |", "|---|---|---|"));
        for (Field f : constants.getDeclaredFields()) {
            Metadata m = f.getAnnotation(Metadata.class);
            if (m != null && Modifier.isStatic(f.getModifiers())) {
                rows.add(row((String) f.get(null), m.label().isEmpty() ? "common" : m.label(), m.description()));
            }
        }
        return rows;
    }

    private static void assertTable(List<String> rows) throws Exception {
        String table = String.join("\n", rows) + "\n";
        assertThat(Files.readString(DOC)).as("docs/camel-users.md should hold this table, as the annotations say:\n%s",
                table).contains(table);
    }

    private static String row(String first, String... cells) {
        StringBuilder row = new StringBuilder("| `" + first + "` |");
        for (String cell : cells) {
            row.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        return row.toString();
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "" : "`" + value + "`";
    }

    private static String type(Field f, String javaType) {
        String name = javaType.isEmpty() ? f.getType().getSimpleName() : javaType.substring(javaType.lastIndexOf('.') + 1);
        return f.getType().isEnum() ? String.join(", ", enumNames(f.getType())) : name;
    }

    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(constant.toString());
        }
        return names;
    }
}
