package org.qvarnmr.camel.binding;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Qvarn resource types read from type files ({@code path}, {@code type}, {@code versions}): which type name
 * each path has, and the fields of its prototype (the last version's, as in Qvarn). {@link SourceTypeCheck}
 * checks the names and fields the bindings read against them; {@link DerivedTypes} gives a derived field the
 * type of the source field it copies.
 */
public final class SourceTypes {
    public static final SourceTypes NONE = new SourceTypes(Map.of());

    /**
     * One resource type.
     *
     * @param path      the path without its slash, e.g. {@code orgs}
     * @param name      the type name, e.g. {@code org} (the value of every resource's {@code type} field)
     * @param prototype the last version's prototype
     * @param origin    where it comes from, for messages: its file, or what made it
     * @param complete  whether the prototype has every field the resources can have; false for a type
     *                  {@code types} writes for a handler whose output it cannot know (a class's object)
     */
    public record Type(String path, String name, Map<?, ?> prototype, String origin, boolean complete) {
        /** The prototype's field names, sorted, for messages. */
        public String fieldList() {
            Set<String> names = new TreeSet<>();
            prototype.keySet().forEach(k -> names.add(String.valueOf(k)));
            return names.isEmpty() ? "(no fields)" : String.join(", ", names);
        }
    }

    private final Map<String, Type> byPath;

    private SourceTypes(Map<String, Type> byPath) {
        this.byPath = byPath;
    }

    /** Every {@code *.yaml} and {@code *.yml} of {@code dir}; a file that is no type file is an error naming it. */
    public static SourceTypes of(Path dir) {
        return of(List.of(dir));
    }

    /**
     * The type files of several folders (a folder given twice is read once). A path or a type name defined by
     * two files is an error naming both, as Qvarn would refuse them together.
     *
     * @throws IllegalArgumentException naming the file or folder that cannot be read
     */
    public static SourceTypes of(Collection<Path> dirs) {
        return of(dirs, file -> true);
    }

    /** The same, reading only the files {@code include} accepts. */
    public static SourceTypes of(Collection<Path> dirs, Predicate<Path> include) {
        Map<String, Type> byPath = new LinkedHashMap<>();
        Map<String, Type> byName = new LinkedHashMap<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (!seen.add(dir.toAbsolutePath().normalize())) {
                continue;
            }
            for (Path file : typeFiles(dir)) {
                if (!include.test(file)) {
                    continue;
                }
                Type type = read(file);
                Type samePath = byPath.get(type.path());
                Type sameName = type.name() == null ? null : byName.get(type.name());
                if (samePath != null || sameName != null) {
                    Type other = samePath != null ? samePath : sameName;
                    throw new IllegalArgumentException(file + ": " + (samePath != null ? "path /" + type.path()
                            : "type name '" + type.name() + "'") + " is defined by " + other.origin()
                            + " too; one resource type per path and per name");
                }
                byPath.put(type.path(), type);
                if (type.name() != null) {
                    byName.put(type.name(), type);
                }
            }
        }
        return new SourceTypes(byPath);
    }

    /** The {@code *.yaml} and {@code *.yml} files of {@code dir}, sorted. */
    static List<Path> typeFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the source types in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Type read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(doc instanceof Map<?, ?> type) || !(type.get("path") instanceof String path)
                    || !(type.get("versions") instanceof List<?> versions) || versions.isEmpty()
                    || !(versions.get(versions.size() - 1) instanceof Map<?, ?> last)
                    || !(last.get("prototype") instanceof Map<?, ?> prototype)) {
                throw new IllegalArgumentException(file + ": not a Qvarn resource type (path, type, versions "
                        + "with a prototype)");
            }
            return new Type(path.startsWith("/") ? path.substring(1) : path,
                    type.get("type") instanceof String name ? name : null, prototype, file.toString(), true);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
    }

    /** These types plus {@code more} at paths these do not have (what is read wins over what is generated). */
    public SourceTypes with(Collection<Type> more) {
        Map<String, Type> all = new LinkedHashMap<>(byPath);
        more.forEach(t -> all.putIfAbsent(t.path(), t));
        return new SourceTypes(all);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    public int size() {
        return byPath.size();
    }

    /** The type at {@code path} (without slash), or null. */
    public Type atPath(String path) {
        return byPath.get(path);
    }

    /** The type named {@code name}, or null. */
    public Type named(String name) {
        for (Type t : byPath.values()) {
            if (name.equals(t.name())) {
                return t;
            }
        }
        return null;
    }

    /** Every type, in the order read. */
    public List<Type> all() {
        return new ArrayList<>(byPath.values());
    }
}
