package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.handler.builtin.JoinNames;
import org.qvarnmr.camel.handler.builtin.JoinReducer;
import org.qvarnmr.camel.handler.builtin.ReadsFields;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;

/**
 * Checks what valid bindings read against the resource types: a join's names against the types of its map
 * target's sources (a join names types, {@code org}, not paths, {@code orgs}), and the fields that
 * {@code item}, {@code expression}, {@code join} and {@code map: value(f)} read against the prototypes. What
 * the types show to be wrong is a problem naming the binding's file:line; what cannot be checked because a
 * type is not given is said in a note. The worker, which has no type files, makes the join check at run
 * time ({@link JoinNames}).
 */
public final class SourceTypeCheck {
    private SourceTypeCheck() {
    }

    /**
     * @return notes: what could not be checked, and join names that look like paths
     * @throws BindingException listing every problem, in file order
     */
    public static List<String> check(HandlerBindings bindings, SourceTypes types) {
        if (bindings.all().isEmpty()) {
            return List.of();
        }
        Problems problems = new Problems(bindings.all().get(0).location().file());
        List<String> notes = new ArrayList<>();
        Set<String> notGiven = new LinkedHashSet<>();
        for (HandlerBinding b : bindings.all()) {
            if (b.kind() == HandlerKind.MAP) {
                SourceTypes.Type source = types.atPath(b.source());
                if (source == null) {
                    notGiven.add(b.source());
                } else if (b.mapHandler() instanceof ReadsFields reads) {
                    fields(b, source, b.description(), reads.fields(), problems);
                }
                continue;
            }
            SourceTypes.Type mapTarget = types.atPath(b.source());
            if (b.valueMapper() instanceof ValueFieldMapper value && mapTarget != null) {
                fields(b, mapTarget, "map: " + value.description(), List.of(value.field()), problems);
            }
            if (b.reduceHandler() instanceof JoinReducer join) {
                join(b, join, types, problems, notes);
            }
        }
        problems.throwIfAny();
        if (!types.isEmpty() && !notGiven.isEmpty()) {
            notes.add("no type file for " + String.join(", ", notGiven.stream().map(p -> "/" + p).toList())
                    + ": what the bindings read there is not checked");
        }
        return notes;
    }

    private static void join(HandlerBinding b, JoinReducer join, SourceTypes types, Problems problems,
            List<String> notes) {
        Map<String, String> typeOfPath = new LinkedHashMap<>();
        join.sourcePaths().forEach(p -> typeOfPath.put(p, types.atPath(p) == null ? null : types.atPath(p).name()));
        join.mapping().forEach((name, copied) -> {
            String problem = JoinNames.problem(name, b.source(), typeOfPath, true, "type not given");
            if (problem != null) {
                problems.add(b.location().line(), b.target(), b.source(), problem);
            } else if (typeOfPath.containsValue(name)) {
                fields(b, types.named(name), "join name '" + name + "'", List.copyOf(copied.keySet()), problems);
            } else if (typeOfPath.containsKey(name)) {
                notes.add(b.location() + ": join name '" + name + "' is the path of source /" + name + ", and a join "
                        + "names resource types, not paths: unless the type at /" + name + " is named '" + name
                        + "' too, write its type name; validate --source-types DIR checks it");
            }
        });
    }

    private static void fields(HandlerBinding b, SourceTypes.Type type, String reader, List<String> fields,
            Problems problems) {
        for (String field : fields) {
            if (type.complete() && !type.prototype().containsKey(field)) {
                problems.add(b.location().line(), b.target(), b.source(), reader + " reads field '" + field + "' of /"
                        + type.path() + ", but its type '" + type.name() + "' (" + type.origin() + ") has no such "
                        + "field; it has: " + type.fieldList());
            }
        }
    }
}
