package org.qvarnmr.camel.qvarn.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Qvarn resource type YAML (section 2.1). Only the last version's prototype, subpaths and
 * files define the API; earlier versions are checked for shape only.
 */
public final class ResourceTypeLoader {

    /** Every {@code *.yaml} and {@code *.yml} file in the directory, in file name order. */
    public List<ResourceType> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ResourceTypeException(dir + ": not a directory of resource type files");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(ResourceTypeLoader::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new ResourceTypeException(dir + ": cannot list: " + e.getMessage(), e);
        }
        List<ResourceType> types = new ArrayList<>();
        for (Path file : files) {
            types.add(load(file));
        }
        return types;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public ResourceType load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ResourceTypeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public ResourceType parse(String source, String yamlText) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(yamlText);
        } catch (YAMLException e) {
            throw new ResourceTypeException(source + ": invalid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (!(document instanceof Map<?, ?> spec)) {
            throw new ResourceTypeException(source + ": must be a YAML mapping with type, path and versions");
        }
        String name = requiredString(spec, "type", source);
        String path = requiredString(spec, "path", source);
        if (!path.matches("/[^/{}<>?#%\\s]+(/[^/{}<>?#%\\s]+)*")) {
            throw new ResourceTypeException(source + ": path '" + path + "' must start with / and have no empty "
                    + "segments, placeholders or a trailing /");
        }
        Map<?, ?> latest = latestVersion(spec, source);
        String at = "versions[" + (((List<?>) spec.get("versions")).size() - 1) + "]";
        return toResourceType(name, path.substring(1), latest, at, source);
    }

    private static Map<?, ?> latestVersion(Map<?, ?> spec, String source) {
        if (!(spec.get("versions") instanceof List<?> versions) || versions.isEmpty()) {
            throw new ResourceTypeException(source + ": versions must be a non-empty list");
        }
        for (int i = 0; i < versions.size(); i++) {
            if (!(versions.get(i) instanceof Map<?, ?> version)) {
                throw new ResourceTypeException(source + ": versions[" + i + "] must be a mapping");
            }
            if (!(version.get("version") instanceof String)) {
                throw new ResourceTypeException(source + ": versions[" + i + "].version must be a string");
            }
        }
        Map<?, ?> latest = (Map<?, ?>) versions.get(versions.size() - 1);
        if (!latest.containsKey("prototype")) {
            throw new ResourceTypeException(source + ": versions[" + (versions.size() - 1) + "] has no prototype");
        }
        return latest;
    }

    private ResourceType toResourceType(String name, String path, Map<?, ?> version, String at, String source) {
        PrototypeParser parser = new PrototypeParser(source);
        Prototype prototype = parser.parse(version.get("prototype"), at + ".prototype", false);
        for (String required : List.of("id", "type", "revision")) {
            if (!(prototype.field(required) instanceof FieldSpec.Scalar scalar) || scalar.kind() != ScalarKind.STRING) {
                throw new ResourceTypeException(source + ": " + at + ".prototype must have the string field '"
                        + required + "' (\"\")");
            }
        }
        Set<String> files = files(version, at, source);
        Map<String, Prototype> subresources = new LinkedHashMap<>();
        if (version.get("subpaths") != null) {
            if (!(version.get("subpaths") instanceof Map<?, ?> subpaths)) {
                throw new ResourceTypeException(source + ": " + at + ".subpaths must be a mapping");
            }
            for (Map.Entry<?, ?> entry : subpaths.entrySet()) {
                String sub = String.valueOf(entry.getKey());
                String subAt = at + ".subpaths." + sub;
                if (!sub.matches("[^/{}<>?#%\\s]+")) {
                    throw new ResourceTypeException(source + ": " + subAt + ": invalid subpath name");
                }
                if (!(entry.getValue() instanceof Map<?, ?> subSpec) || !subSpec.containsKey("prototype")) {
                    throw new ResourceTypeException(source + ": " + subAt + " must be a mapping with a prototype");
                }
                boolean file = files.contains(sub);
                Prototype subPrototype = parser.parse(subSpec.get("prototype"), subAt + ".prototype", file);
                if (!file) {
                    subresources.put(sub, subPrototype);
                }
            }
        }
        return new ResourceType(name, path, prototype, subresources, files, source);
    }

    private static Set<String> files(Map<?, ?> version, String at, String source) {
        Object files = version.get("files");
        if (files == null) {
            return Set.of();
        }
        if (!(files instanceof List<?> list) || !list.stream().allMatch(f -> f instanceof String)) {
            throw new ResourceTypeException(source + ": " + at + ".files must be a list of subpath names");
        }
        Set<String> names = new LinkedHashSet<>();
        list.forEach(f -> names.add((String) f));
        return names;
    }

    private static String requiredString(Map<?, ?> spec, String key, String source) {
        if (!(spec.get(key) instanceof String value) || value.isBlank()) {
            throw new ResourceTypeException(source + ": missing or empty '" + key + "'");
        }
        return value;
    }

    /** Two types may not share a type name or a path. */
    public static void checkUnique(List<ResourceType> types) {
        Map<String, ResourceType> byName = new HashMap<>();
        Map<String, ResourceType> byPath = new HashMap<>();
        for (ResourceType type : types) {
            ResourceType sameName = byName.putIfAbsent(type.name(), type);
            if (sameName != null) {
                throw new ResourceTypeException(type.source() + ": type '" + type.name() + "' is already defined in "
                        + sameName.source());
            }
            ResourceType samePath = byPath.putIfAbsent(type.path(), type);
            if (samePath != null) {
                throw new ResourceTypeException(type.source() + ": path '/" + type.path() + "' is already used by "
                        + samePath.source());
            }
        }
    }
}
