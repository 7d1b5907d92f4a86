package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.qvarnmr.camel.handler.builtin.CountReducer;
import org.qvarnmr.camel.handler.builtin.ItemMapHandler;
import org.qvarnmr.camel.handler.builtin.JoinReducer;
import org.qvarnmr.camel.handler.builtin.ListReducer;
import org.qvarnmr.camel.handler.builtin.NumericReducer;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Qvarn 0.82 resource types a bindings file needs: one per map and reduce target (the {@code _mr_*}
 * fields, the value fields the bindings produce, the join's output fields) and the two state types. A
 * field's type is taken from the source types when they are given; where it cannot be known (what a
 * class handler emits, a source type not given) the field says so in a {@code # DECIDE:} comment. See
 * docs/derived-types.md.
 */
public final class DerivedTypes {
    /** The marker of a field whose type the user must decide; the generated file and the docs use it. */
    public static final String DECIDE = "DECIDE: ";
    private static final String TEXT = "";
    private static final Integer NUMBER = 0;
    private static final String CHOICES = "'' for text, 0 for whole numbers, false for booleans, [''] for lists of text";

    /** One generated type file: {@code path} without the slash, its YAML text. */
    public record TypeFile(String path, String yaml) {
    }

    /** A field of a prototype, with a note for the reader (null when there is nothing to say). */
    private record Field(Object prototype, String note) {
    }

    private final HandlerBindings bindings;
    private final SourceTypes sources;
    private final String generatedBy;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Map<String, Field>> fields = new HashMap<>();

    /**
     * @param sources     the types known (may be empty): source types, and types already written for targets,
     *                    whose type names are kept
     * @param generatedBy the first comment line, e.g. the command that wrote the files
     */
    public DerivedTypes(HandlerBindings bindings, SourceTypes sources, String generatedBy) {
        this.bindings = bindings;
        this.sources = sources;
        this.generatedBy = generatedBy;
        Set<String> taken = new HashSet<>();
        sources.all().forEach(t -> taken.add(t.name()));
        for (String target : bindings.targetTypes()) {
            SourceTypes.Type known = sources.atPath(target);
            String name = known != null && known.name() != null ? known.name()
                    : taken.contains(singular(target)) ? target : singular(target);
            taken.add(name);
            names.put(target, name);
        }
    }

    /**
     * The type name {@code types} gives a target's path: the path's last word made singular, as Qvarn names
     * its types ({@code /orgs} holds type {@code org}): {@code invoice_totals} gives {@code invoice_total},
     * {@code org_summaries} {@code org_summary}, {@code org_summaries__map} {@code org_summary__map}.
     * A final {@code ies} becomes {@code y}, {@code sses} {@code ss}, and a final {@code s} goes unless the
     * word ends in {@code ss}, {@code us} or {@code is}; any other path is its own type name.
     */
    public static String singular(String path) {
        String suffix = path.endsWith("__map") ? "__map" : "";
        String word = path.substring(0, path.length() - suffix.length());
        if (word.length() > 3 && word.endsWith("ies")) {
            word = word.substring(0, word.length() - 3) + "y";
        } else if (word.endsWith("sses")) {
            word = word.substring(0, word.length() - 2);
        } else if (word.length() > 1 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is")) {
            word = word.substring(0, word.length() - 1);
        }
        return word + suffix;
    }

    /** The types of the targets as they will be written, for checking the bindings against them. */
    public List<SourceTypes.Type> types() {
        List<SourceTypes.Type> types = new ArrayList<>();
        names.forEach((target, name) -> types.add(new SourceTypes.Type(target, name, prototype(fieldsOf(target)),
                "written by types", of(target).stream().allMatch(DerivedTypes::knownOutput))));
        return types;
    }

    /** Every target's type, in file order, then {@code qvarnmr_listeners} and {@code qvarnmr_handlers}. */
    public List<TypeFile> files() {
        List<TypeFile> files = new ArrayList<>();
        for (String target : bindings.targetTypes()) {
            List<HandlerBinding> of = of(target);
            String about = (of.get(0).kind() == HandlerKind.MAP ? "map target of " : "reduce target of ")
                    + String.join(", ", of.stream().map(b -> b.source() + " (" + b.location() + ")").toList());
            files.add(render(target, names.get(target), about, fieldsOf(target)));
        }
        Map<String, Field> listeners = state();
        List.of("instance", "listener_id", "owner", "resource_type", "timestamp")
                .forEach(f -> listeners.put(f, new Field(TEXT, null)));
        files.add(render("qvarnmr_listeners", "qvarnmr_listener", "the worker's listener and ownership records "
                + "(as the original qvarn-mr defined it)", listeners));
        Map<String, Field> handlers = state();
        List.of("instance", "source", "target").forEach(f -> handlers.put(f, new Field(TEXT, null)));
        handlers.put("version", new Field(NUMBER, null));
        files.add(render("qvarnmr_handlers", "qvarnmr_handler", "the handler versions the worker has synchronised "
                + "(as the original qvarn-mr defined it)", handlers));
        return files;
    }

    /** Whether every field a handler writes is known here (not so for what a class or an expression emits). */
    private static boolean knownOutput(HandlerBinding b) {
        return b.kind() == HandlerKind.MAP ? b.mapHandler() instanceof ItemMapHandler
                : b.reduceHandler() instanceof CountReducer || b.reduceHandler() instanceof NumericReducer
                        || b.reduceHandler() instanceof ListReducer || b.reduceHandler() instanceof JoinReducer;
    }

    private List<HandlerBinding> of(String target) {
        return bindings.all().stream().filter(b -> b.target().equals(target)).toList();
    }

    /** A target's fields, computed once; a join reads the fields of the targets it joins (no cycles: refused). */
    private Map<String, Field> fieldsOf(String target) {
        Map<String, Field> known = fields.get(target);
        if (known == null) {
            List<HandlerBinding> of = of(target);
            known = of.get(0).kind() == HandlerKind.MAP ? mapFields(target, of) : reduceFields(of.get(0));
            fields.put(target, known);
        }
        return known;
    }

    private static Map<String, Object> prototype(Map<String, Field> fields) {
        Map<String, Object> prototype = new LinkedHashMap<>();
        fields.forEach((name, field) -> prototype.put(name, field.prototype()));
        return prototype;
    }

    /** The prototype at a path: its type file's, else the one written here for a target; null when unknown. */
    private Map<?, ?> prototypeAt(String path) {
        SourceTypes.Type known = sources.atPath(path);
        if (known != null) {
            return known.prototype();
        }
        return names.containsKey(path) ? prototype(fieldsOf(path)) : null;
    }

    /** The same by type name, as a join names its sources. */
    private Map<?, ?> prototypeNamed(String typeName) {
        SourceTypes.Type known = sources.named(typeName);
        if (known != null) {
            return known.prototype();
        }
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (e.getValue().equals(typeName) && sources.atPath(e.getKey()) == null) {
                return prototype(fieldsOf(e.getKey()));
            }
        }
        return null;
    }

    private Map<String, Field> mapFields(String target, List<HandlerBinding> maps) {
        Map<String, Field> fields = base();
        fields.put("_mr_source_id", new Field(TEXT, null));
        fields.put("_mr_source_type", new Field(TEXT, null));
        fields.put("_mr_deleted", new Field(false, null));
        fields.put("_mr_value", mapValue(maps));
        bindings.reduceHandlerOf(target).ifPresent(reduce -> {
            if (reduce.valueMapper() instanceof ValueFieldMapper v && !v.field().startsWith("_mr_")) {
                fields.put(v.field(), new Field(TEXT, DECIDE + "map: value(" + v.field() + ") of " + reduce.target()
                        + " reads this field, which the map handlers emit as part of an object: its type ("
                        + CHOICES + ")"));
            }
        });
        return fields;
    }

    /** The type of what the map handlers store in {@code _mr_value}: one type, or a note why not. */
    private Field mapValue(List<HandlerBinding> maps) {
        Set<Object> types = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (HandlerBinding b : maps) {
            if (b.mapHandler() instanceof ItemMapHandler item) {
                if (item.valueField() == null) {
                    continue; // always null: any type takes it
                }
                Map<?, ?> source = prototypeAt(b.source());
                Object type = source == null ? null : source.get(item.valueField());
                if (type != null) {
                    types.add(type);
                } else {
                    unknown.add(b.source() + "." + item.valueField() + (source != null
                            ? " (the source type has no such field: the map would fail)" : " (source type not given)"));
                }
            } else {
                unknown.add("what " + b.description() + " emits from " + b.source()
                        + " (an object's fields go into fields of their own: add them here)");
            }
        }
        if (!unknown.isEmpty()) {
            return new Field(types.size() == 1 ? types.iterator().next() : TEXT,
                    DECIDE + "the type of " + String.join("; ", unknown) + ": " + CHOICES);
        }
        if (types.size() > 1) {
            return new Field(TEXT, DECIDE + "the map handlers emit values of different types (" + types
                    + "); one field has one type");
        }
        return new Field(types.isEmpty() ? TEXT : types.iterator().next(), null);
    }

    private Map<String, Field> reduceFields(HandlerBinding reduce) {
        Map<String, Field> fields = base();
        fields.put("_mr_timestamp", new Field(NUMBER, null));
        Object handler = reduce.reduceHandler();
        if (handler instanceof CountReducer) {
            fields.put("_mr_value", new Field(NUMBER, null));
        } else if (handler instanceof NumericReducer numeric) {
            boolean avg = numeric.operation() == NumericReducer.Operation.AVG;
            fields.put("_mr_value", new Field(NUMBER, avg
                    ? DECIDE + "avg gives a fraction, and Qvarn 0.82 has no field type for fractions (it refuses "
                            + "them with WrongTypeValue): reduce with sum and count instead, or use a Qvarn that "
                            + "stores them"
                    : "whole numbers only: Qvarn 0.82 refuses a fractional result (WrongTypeValue)"));
        } else if (handler instanceof ListReducer) {
            fields.put("_mr_value", new Field(List.of(TEXT), "Qvarn 0.82 lists hold text (or objects): the values "
                    + "must be text"));
        } else if (handler instanceof JoinReducer join) {
            fields.put("_mr_value", new Field(TEXT, null));
            join.mapping().forEach((typeName, copied) -> copied.forEach((from, to) -> {
                String name = to == null ? from : to;
                Map<?, ?> source = prototypeNamed(typeName);
                Object type = source == null ? null : source.get(from);
                Field field = type != null ? new Field(type, "from " + typeName + "." + from)
                        : new Field(TEXT, DECIDE + "the type of " + typeName + "." + from + " (" + (source != null
                                ? "that type has no such field: the join would fail"
                                : "source type not given") + "): " + CHOICES);
                Field before = fields.get(name);
                if (before != null && !Objects.equals(before.prototype(), field.prototype())) {
                    field = new Field(TEXT, DECIDE + "the join writes " + name + " from fields of different types");
                }
                fields.put(name, field);
            }));
        } else {
            fields.put("_mr_value", new Field(TEXT, DECIDE + "what " + reduce.description() + " returns: a value "
                    + "goes into _mr_value (" + CHOICES + "), an object's fields into fields of their own: add them"));
        }
        return fields;
    }

    private static Map<String, Field> base() {
        Map<String, Field> fields = state();
        fields.put("_mr_key", new Field(TEXT, null));
        fields.put("_mr_version", new Field(NUMBER, null));
        return fields;
    }

    /** The fields Qvarn owns on every resource. */
    private static Map<String, Field> state() {
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("id", new Field(TEXT, null));
        fields.put("type", new Field(TEXT, null));
        fields.put("revision", new Field(TEXT, null));
        return fields;
    }

    private TypeFile render(String path, String typeName, String about, Map<String, Field> fields) {
        DumperOptions flow = new DumperOptions();
        flow.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        flow.setWidth(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(flow);
        StringBuilder y = new StringBuilder("# ").append(path).append(": ").append(about).append(". See docs/derived-types.md.\n")
                .append("path: /").append(path).append('\n')
                .append("type: ").append(typeName).append('\n')
                .append("versions:\n- version: v1\n  prototype:\n");
        new TreeMap<>(fields).forEach((name, field) -> {
            y.append("    ").append(name).append(": ").append(yaml.dump(field.prototype()).strip());
            if (field.note() != null) {
                y.append("  # ").append(field.note());
            }
            y.append('\n');
        });
        return new TypeFile(path, TypeFileStamp.stamp(generatedBy, y.toString()));
    }
}
