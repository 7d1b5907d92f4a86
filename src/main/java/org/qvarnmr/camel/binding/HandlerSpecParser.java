package org.qvarnmr.camel.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code handler:} and {@code map:} fields of a definition into {@link HandlerSpec}s. Both syntaxes
 * come to one {@link Form}: the mapping form ({@code {item: {key: K}}}) as written, the shorthand
 * ({@code item(K)}, {@code count}) rewritten by {@link ShorthandSyntax}; from there one path ({@link #spec})
 * reads its arguments. Checks syntax only (which form, which arguments); whether the form suits a map or a
 * reduce, and whether classes, beans and languages exist, is {@link HandlerFactory}'s job. Returns null after
 * reporting.
 */
final class HandlerSpecParser {
    static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** An endpoint URI: a scheme, a colon, something after it ({@code direct:my-map}, {@code seda:x?timeout=5000}). */
    private static final Pattern ENDPOINT_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S.*");
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    /** The forms that take arguments, as the mapping form's one key. */
    private static final List<String> ARGUMENT_FORMS = List.of("item", "join", "expression", "class", "bean", "route");
    private static final String FORMS = String.join(", ", ARGUMENT_FORMS);
    private static final String HANDLER_EXPECTED = "handler must be a built-in name or a mapping with exactly one key ("
            + FORMS + ")";
    private static final String MAP_EXPECTED = "map must be 'value', 'value(FIELD)' or {value: {field: FIELD}}";
    private static final String VALUE_ONLY_IN_MAP = "'value' reads one field of a map row and is only allowed in "
            + "the 'map:' of a reduce definition (e.g. map: value(amount), handler: sum)";

    /** The mapping form: a form's name and its arguments ({@code key} is where the name is written). */
    record Form(String name, Node key, Node args) {
    }

    private HandlerSpecParser() {
    }

    static HandlerSpec parseHandler(Node node, Problems.Reporter reporter) {
        Counting counting = new Counting(reporter);
        HandlerSpec spec = handler(node, counting);
        return counting.count == 0 ? spec : null;
    }

    /** The {@code map:} of a reduce definition: only {@code value} forms. */
    static HandlerSpec.Value parseMap(Node node, Problems.Reporter reporter) {
        Counting counting = new Counting(reporter);
        HandlerSpec.Value spec = map(node, counting);
        return counting.count == 0 ? spec : null;
    }

    /** Counts what it passes on: a spec is only used when nothing was reported while reading it. */
    private static final class Counting implements Problems.Reporter {
        private final Problems.Reporter delegate;
        private int count;

        Counting(Problems.Reporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void report(Node at, String message) {
            count++;
            delegate.report(at, message);
        }
    }

    private static HandlerSpec handler(Node node, Problems.Reporter reporter) {
        Form form = null;
        if (Yamls.isString(node)) {
            String text = Yamls.string(node).trim();
            if (ShorthandSyntax.formName(text).equals("value")) {
                reporter.report(node, VALUE_ONLY_IN_MAP);
                return null;
            }
            form = ShorthandSyntax.toMapping(text, node, reporter);
        } else if (node instanceof MappingNode mapping) {
            form = handlerMapping(mapping, reporter);
        } else {
            reporter.report(node, Yamls.isNull(node) ? "handler must not be empty"
                    : HANDLER_EXPECTED + ", found " + Yamls.describe(node));
        }
        return form == null ? null : spec(form, reporter);
    }

    /** {@code {FORM: ARGUMENTS}}: exactly one key, a form that takes arguments. */
    private static Form handlerMapping(MappingNode mapping, Problems.Reporter reporter) {
        Map<String, NodeTuple> entries = Yamls.entries(mapping, "handler form", reporter);
        if (entries.size() != 1) {
            reporter.report(mapping, HANDLER_EXPECTED + ", found " + entries.size() + " keys"
                    + (entries.isEmpty() ? "" : ": " + String.join(", ", entries.keySet())));
            return null;
        }
        Map.Entry<String, NodeTuple> entry = entries.entrySet().iterator().next();
        String name = entry.getKey();
        Node key = entry.getValue().getKeyNode();
        if (ARGUMENT_FORMS.contains(name)) {
            return new Form(name, key, entry.getValue().getValueNode());
        }
        reporter.report(key, name.equals("value") ? VALUE_ONLY_IN_MAP
                : HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name) ? "'" + name + "' takes no arguments; write handler: " + name
                : "unknown handler form '" + name + "'; known: " + FORMS + ", " + String.join(", ", HandlerSpec.NO_ARGUMENT_BUILTINS));
        return null;
    }

    private static HandlerSpec.Value map(Node node, Problems.Reporter reporter) {
        Form form = null;
        if (Yamls.isString(node) && ShorthandSyntax.formName(Yamls.string(node).trim()).equals("value")) {
            form = ShorthandSyntax.toMapping(Yamls.string(node).trim(), node, reporter);
            if (form == null) {
                return null;
            }
        } else if (node instanceof MappingNode mapping && mapping.getValue().size() == 1
                && Yamls.isString(mapping.getValue().get(0).getKeyNode())
                && Yamls.string(mapping.getValue().get(0).getKeyNode()).equals("value")) {
            form = new Form("value", mapping.getValue().get(0).getKeyNode(), mapping.getValue().get(0).getValueNode());
        }
        if (form == null) {
            reporter.report(node, MAP_EXPECTED + ", found " + Yamls.describe(node));
            return null;
        }
        return (HandlerSpec.Value) spec(form, reporter);
    }

    /** The one path from the mapping form: a form's arguments read into its spec. */
    private static HandlerSpec spec(Form form, Problems.Reporter reporter) {
        return switch (form.name()) {
            case "item" -> parseItem(form.args(), reporter);
            case "join" -> parseJoin(form.args(), reporter);
            case "expression" -> parseExpression(form.args(), reporter);
            case "class" -> parseClass(form.args(), reporter);
            case "bean" -> parseBean(form.args(), reporter);
            case "route" -> parseRoute(form.args(), reporter);
            case "value" -> parseValue(form.args(), reporter);
            default -> new HandlerSpec.NoArgument(form.name()); // a name ShorthandSyntax found among the built-ins
        };
    }

    private static HandlerSpec parseItem(Node args, Problems.Reporter reporter) {
        if (Yamls.isString(args)) {
            return new HandlerSpec.Item(Yamls.string(args), null); // item: org
        }
        Map<String, Node> fields = arguments(args, "item", List.of("key", "value"), "{key: KEY, value: VALUE}", reporter);
        if (fields == null) {
            return null;
        }
        return new HandlerSpec.Item(requiredString(fields, "key", "item", args, reporter),
                optionalString(fields, "value", "item", reporter));
    }

    private static HandlerSpec.Value parseValue(Node args, Problems.Reporter reporter) {
        String defaultField = ValueFieldMapper.DEFAULT_FIELD;
        if (Yamls.isNull(args)) {
            return new HandlerSpec.Value(defaultField); // value: (nothing)
        }
        if (Yamls.isString(args)) {
            return new HandlerSpec.Value(Yamls.string(args)); // value: amount
        }
        Map<String, Node> fields = arguments(args, "value", List.of("field"), "{field: FIELD}", reporter);
        if (fields == null) {
            return null;
        }
        String field = optionalString(fields, "field", "value", reporter);
        return new HandlerSpec.Value(field == null ? defaultField : field);
    }

    private static HandlerSpec parseJoin(Node args, Problems.Reporter reporter) {
        String expected = "join must be a mapping {type_name: {source_field: target_field_or_null}}";
        if (!(args instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            reporter.report(args, expected + ", found " + (args instanceof MappingNode ? "an empty mapping" : Yamls.describe(args)));
            return null;
        }
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> type : Yamls.entries(mapping, "join type", reporter).entrySet()) {
            Node typeKey = type.getValue().getKeyNode();
            Node fieldsNode = type.getValue().getValueNode();
            if (!TYPE_NAME.matcher(type.getKey()).matches()) {
                reporter.report(typeKey, "join type name '" + type.getKey() + "' is not a valid resource type name; "
                        + "use only letters, digits, '_' and '-'");
            }
            if (!(fieldsNode instanceof MappingNode fieldsMapping) || fieldsMapping.getValue().isEmpty()) {
                reporter.report(fieldsNode, "join fields of '" + type.getKey() + "' must be a non-empty mapping "
                        + "{source_field: target_field_or_null}, found "
                        + (fieldsNode instanceof MappingNode ? "an empty mapping" : Yamls.describe(fieldsNode)));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> field : Yamls.entries(fieldsMapping, "join field", reporter).entrySet()) {
                Node target = field.getValue().getValueNode();
                if (Yamls.isNull(target)) {
                    fields.put(field.getKey(), null);
                } else if (Yamls.isString(target) && !Yamls.string(target).isEmpty()) {
                    fields.put(field.getKey(), Yamls.string(target));
                } else {
                    reporter.report(target, "join target field for '" + type.getKey() + "." + field.getKey()
                            + "' must be a field name or null (same name), found " + Yamls.describe(target));
                }
            }
            types.put(type.getKey(), fields);
        }
        return new HandlerSpec.Join(types);
    }

    private static HandlerSpec parseExpression(Node args, Problems.Reporter reporter) {
        Map<String, Node> fields = arguments(args, "expression", List.of("language", "key", "value"),
                "{language: LANGUAGE, key: EXPRESSION, value: EXPRESSION}", reporter);
        if (fields == null) {
            return null;
        }
        return new HandlerSpec.Expression(requiredString(fields, "language", "expression", args, reporter),
                requiredString(fields, "key", "expression", args, reporter),
                optionalString(fields, "value", "expression", reporter));
    }

    private static HandlerSpec parseClass(Node args, Problems.Reporter reporter) {
        if (!Yamls.isString(args) || !CLASS_NAME.matcher(Yamls.string(args)).matches()) {
            reporter.report(args, "class must be a fully qualified Java class name, found " + Yamls.describe(args));
            return null;
        }
        return new HandlerSpec.ClassRef(Yamls.string(args));
    }

    private static HandlerSpec parseBean(Node args, Problems.Reporter reporter) {
        if (!Yamls.isString(args) || Yamls.string(args).isBlank()) {
            reporter.report(args, "bean must be the name of a bean in the Camel registry, found " + Yamls.describe(args));
            return null;
        }
        return new HandlerSpec.BeanRef(Yamls.string(args));
    }

    private static HandlerSpec parseRoute(Node args, Problems.Reporter reporter) {
        if (!Yamls.isString(args) || !ENDPOINT_URI.matcher(Yamls.string(args).strip()).matches()) {
            reporter.report(args, "route must be the endpoint URI a route starts from, e.g. direct:my-map, found "
                    + Yamls.describe(args));
            return null;
        }
        return new HandlerSpec.RouteRef(Yamls.string(args).strip());
    }

    private static Map<String, Node> arguments(Node args, String form, List<String> allowed, String shape,
            Problems.Reporter reporter) {
        if (!(args instanceof MappingNode mapping)) {
            reporter.report(args, form + " must be a mapping " + shape + ", found " + Yamls.describe(args));
            return null;
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : Yamls.entries(mapping, form + " argument", reporter).entrySet()) {
            if (allowed.contains(e.getKey())) {
                fields.put(e.getKey(), e.getValue().getValueNode());
            } else {
                reporter.report(e.getValue().getKeyNode(), "unknown argument '" + e.getKey() + "' of " + form
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
        return fields;
    }

    private static String requiredString(Map<String, Node> fields, String name, String form, Node at,
            Problems.Reporter reporter) {
        Node node = fields.get(name);
        if (node == null) {
            reporter.report(at, form + " needs '" + name + "'");
            return null;
        }
        if (!Yamls.isString(node) || Yamls.string(node).isEmpty()) {
            reporter.report(node, form + " '" + name + "' must be a non-empty string, found " + Yamls.describe(node));
            return null;
        }
        return Yamls.string(node);
    }

    private static String optionalString(Map<String, Node> fields, String name, String form, Problems.Reporter reporter) {
        Node node = fields.get(name);
        if (node == null || Yamls.isNull(node)) {
            return null;
        }
        if (!Yamls.isString(node) || Yamls.string(node).isEmpty()) {
            reporter.report(node, form + " '" + name + "' must be a non-empty string, found " + Yamls.describe(node));
            return null;
        }
        return Yamls.string(node);
    }
}
