package org.qvarnmr.camel.binding;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.builtin.ItemMapHandler;
import org.qvarnmr.camel.handler.builtin.JoinReducer;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a handler bindings file ({@code target -> source -> definition}, the shape of the original's
 * Python dict) into validated {@link HandlerBindings}. Every problem of the file is collected and
 * reported together in one {@link BindingException}; see {@code docs/handler-bindings.md}.
 *
 * <p>The {@link HandlerResolver} (the worker's is on its Camel context) compiles {@code expression} handlers,
 * looks up {@code bean} handlers and resolves {@code class} handlers; with {@link HandlerResolver#NONE}
 * (or null), expression and bean handlers are errors.
 */
public final class BindingsLoader {
    private static final Pattern TYPE_NAME = HandlerSpecParser.TYPE_NAME;
    private static final List<String> MAP_FIELDS = List.of("type", "version", "handler");
    private static final List<String> REDUCE_FIELDS = List.of("type", "version", "handler", "map");
    private static final Pattern POSITIVE_INT = Pattern.compile("\\+?[0-9_]+");

    private final HandlerFactory factory;

    /** A loader whose expression handlers may only read the resource ({@code qvarnmr.trusted-expressions} off). */
    public BindingsLoader(HandlerResolver resolver) {
        this(resolver, false);
    }

    /**
     * @param trustedExpressions {@code qvarnmr.trusted-expressions}: true lets expression handlers use every
     *                           function of their Camel language (call Java, read the environment and files)
     */
    public BindingsLoader(HandlerResolver resolver, boolean trustedExpressions) {
        this.factory = new HandlerFactory(resolver == null ? HandlerResolver.NONE : resolver, trustedExpressions);
    }

    /** A loader that trusts expressions as {@code qvarnmr.trusted-expressions} in these settings says. */
    public static BindingsLoader forSettings(HandlerResolver resolver, Map<String, ConfigSource.Value> values) {
        return new BindingsLoader(resolver, WorkerSettings.trustedExpressions(values));
    }

    /** Reads and validates a file; problems name the file as given. */
    public HandlerBindings load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new BindingException(name, List.of(name + ": file not found"));
        } catch (CharacterCodingException e) {
            throw new BindingException(name, List.of(name + ": not valid UTF-8 text"));
        } catch (IOException e) {
            throw new BindingException(name, List.of(name + ": cannot be read: " + e));
        }
        return parse(text, name);
    }

    /** Validates YAML text; {@code fileName} is used in messages and {@link SourceLocation}s. */
    public HandlerBindings parse(String yaml, String fileName) {
        Problems problems = new Problems(fileName);
        Node root = compose(yaml, fileName);
        Map<String, Target> targets = readTargets(root, problems);
        checkTargets(targets, problems);
        List<HandlerBinding> bindings = new ArrayList<>();
        for (Target target : targets.values()) {
            for (Definition definition : target.definitions) {
                HandlerBinding binding = bind(definition, fileName, problems);
                if (binding != null) {
                    bindings.add(binding);
                }
            }
        }
        checkValueFields(bindings, problems);
        problems.throwIfAny();
        return new HandlerBindings(bindings.stream().map(b -> joinReadingItsSources(b, bindings)).toList());
    }

    /**
     * A join learns the types of its sources as it reads them, and refuses a name that is none of them; it
     * needs to know which sources its map target has, which only the bindings say.
     */
    private static HandlerBinding joinReadingItsSources(HandlerBinding b, List<HandlerBinding> bindings) {
        if (!(b.reduceHandler() instanceof JoinReducer join)) {
            return b;
        }
        List<String> sources = bindings.stream()
                .filter(m -> m.kind() == HandlerKind.MAP && m.target().equals(b.source()))
                .map(HandlerBinding::source).distinct().toList();
        return new HandlerBinding(b.target(), b.source(), b.kind(), b.version(), b.autoVersion(), b.description(),
                null, join.readingSources(sources), b.valueMapper(), b.location());
    }

    private static Node compose(String yaml, String fileName) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? fileName : fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem().strip() : e.getMessage().strip();
            if (e.getContext() != null && e.getContextMark() != null) {
                problem += " (" + e.getContext().strip() + " at line " + (e.getContextMark().getLine() + 1) + ")";
            }
            throw new BindingException(fileName, List.of(where + ": malformed YAML: " + problem));
        } catch (YAMLException e) {
            throw new BindingException(fileName, List.of(fileName + ": malformed YAML: " + e.getMessage()));
        }
    }

    /** One {@code source: definition} entry; {@code body} is null when it is not a mapping (reported). */
    private static final class Definition {
        final String target;
        final String source;
        final Node sourceKey;
        final MappingNode body;
        final Map<String, NodeTuple> fields;
        HandlerKind kind;

        Definition(String target, String source, Node sourceKey, MappingNode body, Map<String, NodeTuple> fields) {
            this.target = target;
            this.source = source;
            this.sourceKey = sourceKey;
            this.body = body;
            this.fields = fields;
        }
    }

    private record Target(String name, Node key, List<Definition> definitions) {
        /** The common kind of its definitions, or null when unknown or mixed (reported). */
        HandlerKind kind() {
            HandlerKind kind = null;
            for (Definition d : definitions) {
                if (d.kind != null && kind != null && d.kind != kind) {
                    return null;
                }
                kind = d.kind != null ? d.kind : kind;
            }
            return kind;
        }
    }

    private static Map<String, Target> readTargets(Node root, Problems problems) {
        Map<String, Target> targets = new LinkedHashMap<>();
        if (root == null) {
            problems.add(0, null, null, "the file is empty; it must map each target to its sources and definitions");
            return targets;
        }
        if (!(root instanceof MappingNode rootMapping) || rootMapping.getValue().isEmpty()) {
            problems.add(root, null, null, "the top level must be a mapping of target -> source -> definition, found "
                    + (root instanceof MappingNode ? "an empty mapping" : Yamls.describe(root)));
            return targets;
        }
        for (Map.Entry<String, NodeTuple> t : Yamls.entries(rootMapping, "target", problems.reporter(null, null)).entrySet()) {
            String name = t.getKey();
            Node key = t.getValue().getKeyNode();
            Node sources = t.getValue().getValueNode();
            Problems.Reporter targetReporter = problems.reporter(name, null);
            checkTypeName(name, "target", key, targetReporter);
            Target target = new Target(name, key, new ArrayList<>());
            targets.put(name, target);
            if (!(sources instanceof MappingNode sourceMapping) || sourceMapping.getValue().isEmpty()) {
                targetReporter.report(sources, "a target must be a mapping of source -> definition, found "
                        + (sources instanceof MappingNode ? "an empty mapping" : Yamls.describe(sources)));
                continue;
            }
            for (Map.Entry<String, NodeTuple> s : Yamls.entries(sourceMapping, "source", targetReporter).entrySet()) {
                target.definitions.add(readDefinition(name, s.getKey(), s.getValue(), problems));
            }
        }
        return targets;
    }

    private static Definition readDefinition(String target, String source, NodeTuple tuple, Problems problems) {
        Problems.Reporter reporter = problems.reporter(target, source);
        Node key = tuple.getKeyNode();
        Node body = tuple.getValueNode();
        checkTypeName(source, "source", key, reporter);
        if (!(body instanceof MappingNode mapping)) {
            reporter.report(body, "a definition must be a mapping with type, version and handler, found " + Yamls.describe(body));
            return new Definition(target, source, key, null, Map.of());
        }
        Definition definition = new Definition(target, source, key, mapping, Yamls.entries(mapping, "field", reporter));
        NodeTuple type = definition.fields.get("type");
        if (type == null) {
            reporter.report(key, "missing required field 'type' (map or reduce)");
        } else if (Yamls.isString(type.getValueNode()) && List.of("map", "reduce").contains(Yamls.string(type.getValueNode()))) {
            definition.kind = HandlerKind.valueOf(Yamls.string(type.getValueNode()).toUpperCase(Locale.ROOT));
        } else {
            reporter.report(type.getValueNode(), "type must be 'map' or 'reduce', found " + Yamls.describe(type.getValueNode()));
        }
        return definition;
    }

    private static void checkTypeName(String name, String what, Node at, Problems.Reporter reporter) {
        if (!TYPE_NAME.matcher(name).matches()) {
            reporter.report(at, what + " name '" + name + "' is not a valid resource type name; "
                    + "use only letters, digits, '_' and '-'");
        }
    }

    /** Rules between targets: one type per target, reduce sources, cycles. */
    private static void checkTargets(Map<String, Target> targets, Problems problems) {
        Map<String, Definition> reduceOfMapTarget = new LinkedHashMap<>();
        for (Target target : targets.values()) {
            Definition first = null;
            for (Definition d : target.definitions) {
                if (d.kind == null) {
                    continue;
                }
                if (first == null) {
                    first = d;
                } else if (d.kind != first.kind) {
                    problems.add(d.sourceKey, target.name, d.source, "type '" + lower(d.kind) + "' differs from type '"
                            + lower(first.kind) + "' of source '" + first.source + "' (line " + Yamls.line(first.sourceKey)
                            + "); all handlers of one target must have the same type");
                }
            }
            if (target.kind() != HandlerKind.REDUCE) {
                continue;
            }
            if (target.definitions.size() != 1) {
                problems.add(target.key, target.name, null, "a reduce target must have exactly one source, found "
                        + target.definitions.size() + ": " + String.join(", ",
                                target.definitions.stream().map(d -> d.source).toList()));
                continue;
            }
            Definition reduce = target.definitions.get(0);
            Target source = targets.get(reduce.source);
            if (source == null || source.kind() == HandlerKind.REDUCE) {
                problems.add(reduce.sourceKey, target.name, reduce.source, "the source of a reduce must be a map target "
                        + "defined in this file, but '" + reduce.source + "' is "
                        + (source == null ? "not a target here" : "a reduce target"));
            } else if (reduceOfMapTarget.containsKey(reduce.source)) {
                Definition other = reduceOfMapTarget.get(reduce.source);
                problems.add(reduce.sourceKey, target.name, reduce.source, "map target '" + reduce.source
                        + "' already feeds reduce target '" + other.target + "' (line " + Yamls.line(other.sourceKey)
                        + "); a map target can feed only one reduce target");
            } else {
                reduceOfMapTarget.put(reduce.source, reduce);
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
        for (Definition d : targets.get(name).definitions) {
            if (!targets.containsKey(d.source)) {
                continue;
            }
            if (state.getOrDefault(d.source, 0) == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d.source), path.size()));
                cycle.add(d.source);
                problems.add(d.sourceKey, d.target, d.source, "targets read each other in a cycle ("
                        + String.join(" <- ", cycle) + "); a target must not feed itself");
            } else {
                findCycle(d.source, targets, state, path, problems);
            }
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
    }

    /** Checks one definition's fields and builds its binding; null when something is wrong (reported). */
    private HandlerBinding bind(Definition d, String fileName, Problems problems) {
        if (d.body == null) {
            return null;
        }
        int before = problems.count();
        Problems.Reporter reporter = problems.reporter(d.target, d.source);
        List<String> allowed = d.kind == HandlerKind.MAP ? MAP_FIELDS : REDUCE_FIELDS;
        for (Map.Entry<String, NodeTuple> field : d.fields.entrySet()) {
            Node key = field.getValue().getKeyNode();
            if (field.getKey().equals("map") && d.kind == HandlerKind.MAP) {
                reporter.report(key, "field 'map' is only allowed in reduce definitions; allowed: " + String.join(", ", MAP_FIELDS));
            } else if (!REDUCE_FIELDS.contains(field.getKey())) {
                reporter.report(key, "unknown field '" + field.getKey() + "'; allowed: " + String.join(", ", allowed)
                        + (d.kind == null ? " (map: reduce only)" : ""));
            }
        }
        NodeTuple versionField = d.fields.get("version");
        NodeTuple handlerField = d.fields.get("handler");
        NodeTuple mapField = d.kind == HandlerKind.REDUCE ? d.fields.get("map") : null;
        if (versionField == null) {
            reporter.report(d.sourceKey, "missing required field 'version' (a positive integer or auto)");
        }
        if (handlerField == null) {
            reporter.report(d.sourceKey, "missing required field 'handler'");
        }
        Integer version = versionField == null ? null : version(versionField.getValueNode(), reporter);
        HandlerSpec spec = handlerField == null ? null : HandlerSpecParser.parseHandler(handlerField.getValueNode(), reporter);
        HandlerSpec.Value mapSpec = mapField == null ? null : HandlerSpecParser.parseMap(mapField.getValueNode(), reporter);
        if (spec == null || d.kind == null) {
            return null;
        }
        // Resolve even when other fields are wrong, so that every problem is reported in one go.
        HandlerFactory.Resolved resolved = factory.resolve(spec, d.kind, handlerField.getValueNode(), reporter);
        if (resolved == null || version == null || problems.count() > before) {
            return null;
        }
        boolean auto = version == 0;
        int number = auto ? AutoVersion.of(AutoVersion.canonical(d.kind, spec, resolved.seed(), mapSpec)) : version;
        String description = spec.description() + (mapSpec == null ? "" : ", map: " + mapSpec.description());
        return new HandlerBinding(d.target, d.source, d.kind, number, auto, description,
                d.kind == HandlerKind.MAP ? (MapHandler) resolved.handler() : null,
                d.kind == HandlerKind.REDUCE ? (ReduceHandler) resolved.handler() : null,
                mapSpec == null ? null : new ValueFieldMapper(mapSpec.field()),
                new SourceLocation(fileName, Yamls.line(d.sourceKey)));
    }

    /**
     * {@code map: value(f)} reads field {@code f} of the map rows. When every map handler of that map target
     * is {@code item}, the rows only ever hold {@code _mr_*} fields (item's value goes to {@code _mr_value}),
     * so {@code f} can never be there: the reduce would see nothing but errors (or, if the type happens to
     * have {@code f}, nulls). Refused at load time with what to write instead.
     */
    private static void checkValueFields(List<HandlerBinding> bindings, Problems problems) {
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
                    .collect(java.util.stream.Collectors.joining(", "));
            problems.add(reduce.location().line(), reduce.target(), reduce.source(), "map: value(" + value.field()
                    + ") reads field '" + value.field() + "' of the map rows, but the map rows of '" + reduce.source()
                    + "' never have it: " + emitters + " store their value in _mr_value; write map: value (or leave "
                    + "map: out) to reduce that value");
        }
    }

    /** A positive version, 0 for {@code auto}, or null when invalid (reported). */
    private static Integer version(Node node, Problems.Reporter reporter) {
        if (Yamls.isString(node) && Yamls.string(node).equals("auto")) {
            return 0;
        }
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())
                && POSITIVE_INT.matcher(scalar.getValue()).matches()) {
            String digits = scalar.getValue().replace("_", "").replace("+", "");
            if (!digits.isEmpty() && digits.length() <= 10) {
                long value = Long.parseLong(digits);
                if (value > 0 && value <= Integer.MAX_VALUE) {
                    return (int) value;
                }
            }
        }
        reporter.report(node, "version must be a positive integer or 'auto', found " + Yamls.describe(node));
        return null;
    }

    private static String lower(HandlerKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
