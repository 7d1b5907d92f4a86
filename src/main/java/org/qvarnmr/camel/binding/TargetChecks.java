package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.qvarnmr.camel.handler.builtin.ItemMapHandler;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;

/** The rules between targets (one type per target, reduce sources, cycles) and between bindings (value fields). */
final class TargetChecks {
    private TargetChecks() {
    }

    /** Rules between targets: one type per target, reduce sources, cycles. */
    static void check(Map<String, Target> targets, Problems problems) {
        Map<String, Definition> reduceOfMapTarget = new LinkedHashMap<>();
        for (Target target : targets.values()) {
            Definition first = null;
            for (Definition d : target.definitions()) {
                if (d.kind() == null) {
                    continue;
                }
                if (first == null) {
                    first = d;
                } else if (d.kind() != first.kind()) {
                    problems.add(d.sourceKey(), target.name(), d.source(), "type '" + lower(d.kind()) + "' differs from type '"
                            + lower(first.kind()) + "' of source '" + first.source() + "' (line " + Yamls.line(first.sourceKey())
                            + "); all handlers of one target must have the same type");
                }
            }
            if (target.kind() != HandlerKind.REDUCE) {
                continue;
            }
            if (target.definitions().size() != 1) {
                problems.add(target.key(), target.name(), null, "a reduce target must have exactly one source, found "
                        + target.definitions().size() + ": " + String.join(", ",
                                target.definitions().stream().map(d -> d.source()).toList()));
                continue;
            }
            Definition reduce = target.definitions().get(0);
            Target source = targets.get(reduce.source());
            if (source == null || source.kind() == HandlerKind.REDUCE) {
                problems.add(reduce.sourceKey(), target.name(), reduce.source(), "the source of a reduce must be a map target "
                        + "defined in this file, but '" + reduce.source() + "' is "
                        + (source == null ? "not a target here" : "a reduce target"));
            } else if (reduceOfMapTarget.containsKey(reduce.source())) {
                Definition other = reduceOfMapTarget.get(reduce.source());
                problems.add(reduce.sourceKey(), target.name(), reduce.source(), "map target '" + reduce.source()
                        + "' already feeds reduce target '" + other.target() + "' (line " + Yamls.line(other.sourceKey())
                        + "); a map target can feed only one reduce target");
            } else {
                reduceOfMapTarget.put(reduce.source(), reduce);
            }
        }
        checkCycles(targets, problems);
    }

    /** A target that (through other targets) reads itself would never settle. */
    private static void checkCycles(Map<String, Target> targets, Problems problems) {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1 = on the current path, 2 = done
        for (String name : targets.keySet()) {
            findCycle(name, targets, state, new ArrayList<>(), problems);
        }
    }

    private static void findCycle(String name, Map<String, Target> targets, Map<String, Integer> state,
            List<String> path, Problems problems) {
        if (state.getOrDefault(name, 0) == 2) {
            return;
        }
        path.add(name);
        state.put(name, 1);
        for (Definition d : targets.get(name).definitions()) {
            if (!targets.containsKey(d.source())) {
                continue;
            }
            if (state.getOrDefault(d.source(), 0) == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d.source()), path.size()));
                cycle.add(d.source());
                problems.add(d.sourceKey(), d.target(), d.source(), "targets read each other in a cycle ("
                        + String.join(" <- ", cycle) + "); a target must not feed itself");
            } else {
                findCycle(d.source(), targets, state, path, problems);
            }
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
    }

    /**
     * {@code map: value(f)} reads field {@code f} of the map rows. When every map handler of that map target
     * is {@code item}, the rows only ever hold {@code _mr_*} fields (item's value goes to {@code _mr_value}),
     * so {@code f} can never be there: the reduce would see nothing but errors (or, if the type happens to
     * have {@code f}, nulls). Refused at load time with what to write instead.
     */
    static void checkValueFields(List<HandlerBinding> bindings, Problems problems) {
        for (HandlerBinding reduce : bindings) {
            if (!(reduce.valueMapper() instanceof ValueFieldMapper value) || value.field().startsWith("_mr_")) {
                continue;
            }
            List<HandlerBinding> maps = bindings.stream()
                    .filter(b -> b.kind() == HandlerKind.MAP && b.target().equals(reduce.source())).toList();
            if (maps.isEmpty() || !maps.stream().allMatch(b -> b.mapHandler() instanceof ItemMapHandler)) {
                continue;
            }
            String emitters = maps.stream().map(b -> b.description() + " (line " + b.location().line() + ")")
                    .collect(Collectors.joining(", "));
            problems.add(reduce.location().line(), reduce.target(), reduce.source(), "map: value(" + value.field()
                    + ") reads field '" + value.field() + "' of the map rows, but the map rows of '" + reduce.source()
                    + "' never have it: " + emitters + " store their value in _mr_value; write map: value (or leave "
                    + "map: out) to reduce that value");
        }
    }

    private static String lower(HandlerKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
