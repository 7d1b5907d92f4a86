package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.qvarnmr.camel.qvarn.client.Search;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every client operation against every type the suite loads (the reference types of
 * {@code config/resource-types} and the conformance types), authenticated: listener, create, read,
 * update, search, subresources, notifications, delete.
 */
@ExtendWith(ConformanceExtension.class)
class RoundTripConformanceTest {

    /** What the round trip needs to know of a type, read from its YAML file. */
    record TypeUnderTest(String path, String stringField, List<String> subpaths) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<TypeUnderTest> types() {
        List<TypeUnderTest> types = new ArrayList<>();
        for (Path dir : List.of(ConformanceTarget.referenceTypesDir(), ConformanceTarget.conformanceTypesDir())) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> types.add(read(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return types.stream();
    }

    @SuppressWarnings("unchecked")
    private static TypeUnderTest read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> spec = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            List<Map<String, Object>> versions = (List<Map<String, Object>>) spec.get("versions");
            Map<String, Object> latest = versions.get(versions.size() - 1);
            Map<String, Object> prototype = (Map<String, Object>) latest.get("prototype");
            String field = prototype.entrySet().stream()
                    .filter(e -> "".equals(e.getValue()) && !List.of("type", "id", "revision").contains(e.getKey()))
                    .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
            List<String> files = (List<String>) latest.getOrDefault("files", List.of());
            Map<String, Object> subpaths = (Map<String, Object>) latest.getOrDefault("subpaths", Map.of());
            List<String> json = subpaths.keySet().stream().filter(s -> !files.contains(s)).sorted().toList();
            return new TypeUnderTest(((String) spec.get("path")).substring(1), field, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void shouldRoundTripEveryOperation(TypeUnderTest type, Fixture qvarn) {
        QvarnClient client = qvarn.client();
        String path = type.path();
        String listener = qvarn.listenerOn(path, "{'notify_of_new': true, 'listen_on_all': true}")
                .get("id").textValue();
        assertThat(client.listListeners(path)).contains(listener);

        String id = qvarn.createIn(path, json("{}")).get("id").textValue();
        assertThat(client.listIds(path)).contains(id);
        assertThat(client.getMany(path, List.of(id, Fixture.unknownId(path)))).containsExactly(client.get(path, id));
        ObjectNode updated = client.update(path, id, json("{}").put(type.stringField(), qvarn.tag()));
        assertThat(client.get(path, id)).isEqualTo(updated);
        assertThat(client.searchIds(Search.on(path).exact(type.stringField(), qvarn.tag()))).containsExactly(id);
        assertThat(client.search(Search.on(path).exact("id", id).showAll())).containsExactly(updated);
        for (String sub : type.subpaths()) {
            ObjectNode put = client.putSubresource(path, id, sub, json("{}"));
            assertThat(client.getSubresource(path, id, sub)).isEqualTo(put);
        }
        client.delete(path, id);
        assertThat(client.find(path, id)).isEmpty();

        List<String> changes = qvarn.notifications(path, listener).stream()
                .filter(n -> id.equals(n.get("resource_id").textValue()))
                .map(n -> n.get("resource_change").textValue()).toList();
        List<String> expected = new ArrayList<>(List.of("created", "updated"));
        type.subpaths().forEach(sub -> expected.add("updated"));
        expected.add("deleted");
        assertThat(changes).isEqualTo(expected);
        for (String nid : client.listNotificationIds(path, listener)) {
            client.deleteNotification(path, listener, nid);
        }
        assertThat(client.listNotificationIds(path, listener)).isEmpty();
        client.deleteListener(path, listener);
        assertThrows(QvarnNotFoundException.class, () -> client.getListener(path, listener));
    }
}
