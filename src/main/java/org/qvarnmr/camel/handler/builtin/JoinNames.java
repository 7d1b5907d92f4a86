package org.qvarnmr.camel.handler.builtin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Whether the names of a join are types of the sources it reads. A join names resource types ({@code org}),
 * while map rows name their source by path ({@code _mr_source_type: orgs}), and only a source resource says
 * its type. Without type files the worker learns each source path's type from the resources the join reads;
 * a name is wrong once every source of the map target has a known type and none is that name, or as soon as
 * the name is the path of a source whose type is known to be another (the usual mistake: {@code orgs} for
 * {@code org}). Until then nothing is said, and nothing could be copied under that name anyway. Thread-safe;
 * what it learns are facts about Qvarn's types, which do not change while the worker runs.
 */
public final class JoinNames {
    private final List<String> names;
    private final Set<String> sourcePaths;
    private final Map<String, String> typeOfPath = new ConcurrentHashMap<>();
    private final Set<String> otherPaths = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    /**
     * @param names       the join's type names
     * @param sourcePaths the paths of every source of the map target, as the bindings name them; empty when
     *                    not known (then only a name that is a source's path is refused)
     */
    JoinNames(Collection<String> names, Collection<String> sourcePaths) {
        this.names = List.copyOf(names);
        this.sourcePaths = new LinkedHashSet<>(sourcePaths);
    }

    List<String> sourcePaths() {
        return List.copyOf(sourcePaths);
    }

    /** The join read rows of source {@code path}, and a resource of type {@code typeName} there (null: none). */
    void saw(String path, String typeName) {
        if (!sourcePaths.contains(path)) {
            otherPaths.add(path);
        }
        if (typeName != null) {
            typeOfPath.putIfAbsent(path, typeName);
        }
    }

    /**
     * @param mapTarget the map target the join reads, for the message
     * @throws JoinNameException for the first name known to be no type of the sources
     */
    void check(String mapTarget) {
        if (confirmed.size() == names.size()) {
            return;
        }
        Map<String, String> known = new LinkedHashMap<>();
        sourcePaths.forEach(p -> known.put(p, typeOfPath.get(p)));
        otherPaths.stream().sorted().forEach(p -> known.put(p, typeOfPath.get(p)));
        for (String name : names) {
            if (confirmed.contains(name)) {
                continue;
            }
            if (known.containsValue(name)) {
                confirmed.add(name);
                continue;
            }
            String problem = problem(name, mapTarget, known, !sourcePaths.isEmpty(), "type not known yet");
            if (problem != null) {
                throw new JoinNameException(problem);
            }
        }
    }

    /**
     * What is wrong with join name {@code name}, or null when nothing is, or nothing can be known yet.
     *
     * @param typeOfPath every source path of the map target known, in order, with its type name (null when
     *                   not known)
     * @param complete   whether those are all the sources of the map target
     * @param unknown    what to say of a source whose type is not known
     */
    public static String problem(String name, String mapTarget, Map<String, String> typeOfPath, boolean complete,
            String unknown) {
        if (typeOfPath.containsValue(name)) {
            return null;
        }
        String meant = typeOfPath.get(name);
        boolean allKnown = complete && !typeOfPath.isEmpty() && !typeOfPath.containsValue(null);
        if (!allKnown && meant == null) {
            return null;
        }
        String sources = typeOfPath.entrySet().stream()
                .map(e -> "/" + e.getKey() + (e.getValue() == null ? " (" + unknown + ")" : " (type '" + e.getValue() + "')"))
                .collect(Collectors.joining(", "));
        return "join name '" + name + "' names no source type of '" + mapTarget + "'; its sources are " + sources
                + (meant == null ? "; a join" : "; did you mean '" + meant + "' (the type of path /" + name + ")? A join")
                + " names resource types, not paths";
    }
}
