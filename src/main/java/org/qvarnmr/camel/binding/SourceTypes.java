package org.qvarnmr.camel.binding;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Source resource types read from Qvarn type files ({@code path}, {@code type}, {@code versions}), so that
 * {@link DerivedTypes} can give a derived field the type of the source field it copies. The last version's
 * prototype counts, as in Qvarn.
 */
public final class SourceTypes {
    public static final SourceTypes NONE = new SourceTypes(Map.of(), Map.of());

    private final Map<String, Map<?, ?>> byPath;
    private final Map<String, Map<?, ?>> byTypeName;

    private SourceTypes(Map<String, Map<?, ?>> byPath, Map<String, Map<?, ?>> byTypeName) {
        this.byPath = byPath;
        this.byTypeName = byTypeName;
    }

    /** Every {@code *.yaml} and {@code *.yml} of {@code dir}; a file that is no type file is an error naming it. */
    public static SourceTypes of(Path dir) {
        Map<String, Map<?, ?>> byPath = new HashMap<>();
        Map<String, Map<?, ?>> byTypeName = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the source types in " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                if (!(doc instanceof Map<?, ?> type) || !(type.get("path") instanceof String path)
                        || !(type.get("versions") instanceof List<?> versions) || versions.isEmpty()
                        || !(versions.get(versions.size() - 1) instanceof Map<?, ?> last)
                        || !(last.get("prototype") instanceof Map<?, ?> prototype)) {
                    throw new IllegalArgumentException(file + ": not a Qvarn resource type (path, type, versions "
                            + "with a prototype)");
                }
                byPath.put(path.startsWith("/") ? path.substring(1) : path, prototype);
                if (type.get("type") instanceof String name) {
                    byTypeName.put(name, prototype);
                }
            } catch (IOException | YAMLException e) {
                throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage(), e);
            }
        }
        return new SourceTypes(byPath, byTypeName);
    }

    boolean has(String path) {
        return byPath.containsKey(path);
    }

    boolean hasTypeName(String typeName) {
        return byTypeName.containsKey(typeName);
    }

    /** The prototype value of a field of the type at {@code path}, or null when either is unknown. */
    Object field(String path, String field) {
        Map<?, ?> prototype = byPath.get(path);
        return prototype == null ? null : prototype.get(field);
    }

    /** The same by type name ({@code org}), as {@code join} names its sources. */
    Object fieldOfTypeName(String typeName, String field) {
        Map<?, ?> prototype = byTypeName.get(typeName);
        return prototype == null ? null : prototype.get(field);
    }
}
