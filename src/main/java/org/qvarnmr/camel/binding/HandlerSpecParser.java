package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code handler:} and {@code map:} fields of a definition into {@link HandlerSpec}s. Checks
 * syntax only (which form, which arguments); whether the form suits a map or a reduce, and whether
 * classes, beans and languages exist, is {@link HandlerFactory}'s job. Returns null after reporting.
 */
final class HandlerSpecParser {
    static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)");
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final String FORMS = "item, join, expression, class, bean";
    private static final String HANDLER_EXPECTED = "handler must be a built-in name or a mapping with exactly one key ("
            + FORMS + ")";
    private static final String MAP_EXPECTED = "map must be 'value', 'value(FIELD)' or {value: {field: FIELD}}";
    private static final String VALUE_ONLY_IN_MAP = "'value' reads one field of a map row and is only allowed in "
            + "the 'map:' of a reduce definition (e.g. map: value(amount), handler: sum)";

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
        if (Yamls.isString(node)) {
            String text = Yamls.string(node).trim();
            Matcher call = CALL.matcher(text);
            if (!call.matches()) {
                return parseName(text, node, reporter);
            }
            if (call.group(1).equals("value")) {
                reporter.report(node, VALUE_ONLY_IN_MAP);
                return null;
            }
            return parseCall(call.group(1), call.group(2), node, reporter);
        }
        if (node instanceof MappingNode mapping) {
            Map<String, NodeTuple> entries = Yamls.entries(mapping, "handler form", reporter);
            if (entries.size() != 1) {
                reporter.report(node, HANDLER_EXPECTED + ", found " + entries.size() + " keys"
                        + (entries.isEmpty() ? "" : ": " + String.join(", ", entries.keySet())));
                return null;
            }
            Map.Entry<String, NodeTuple> entry = entries.entrySet().iterator().next();
            Node args = entry.getValue().getValueNode();
            switch (entry.getKey()) {
                case "item":
                    return parseItem(args, reporter);
                case "join":
                    return parseJoin(args, reporter);
                case "expression":
                    return parseExpression(args, reporter);
                case "class":
                    return parseClass(args, reporter);
                case "bean":
                    return parseBean(args, reporter);
                case "value":
                    reporter.report(entry.getValue().getKeyNode(), VALUE_ONLY_IN_MAP);
                    return null;
                default:
                    String name = entry.getKey();
                    reporter.report(entry.getValue().getKeyNode(), HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name)
                            ? "'" + name + "' takes no arguments; write handler: " + name
                            : "unknown handler form '" + name + "'; known: " + FORMS + ", "
                                    + String.join(", ", HandlerSpec.NO_ARGUMENT_BUILTINS));
                    return null;
            }
        }
        reporter.report(node, Yamls.isNull(node) ? "handler must not be empty"
                : HANDLER_EXPECTED + ", found " + Yamls.describe(node));
        return null;
    }

    private static HandlerSpec.Value map(Node node, Problems.Reporter reporter) {
        if (Yamls.isString(node)) {
            String text = Yamls.string(node).trim();
            if (text.equals("value")) {
                return new HandlerSpec.Value(ValueFieldMapper.DEFAULT_FIELD);
            }
            Matcher call = CALL.matcher(text);
            if (call.matches() && call.group(1).equals("value")) {
                return (HandlerSpec.Value) parseCall("value", call.group(2), node, reporter);
            }
        } else if (node instanceof MappingNode mapping && mapping.getValue().size() == 1
                && Yamls.isString(mapping.getValue().get(0).getKeyNode())
                && Yamls.string(mapping.getValue().get(0).getKeyNode()).equals("value")) {
            return parseValue(mapping.getValue().get(0).getValueNode(), reporter);
        }
        reporter.report(node, MAP_EXPECTED + ", found " + Yamls.describe(node));
        return null;
    }

    private static HandlerSpec parseName(String name, Node node, Problems.Reporter reporter) {
        if (HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name)) {
            return new HandlerSpec.NoArgument(name);
        }
        switch (name) {
            case "item" -> reporter.report(node, "'item' needs a key field: item(FIELD), item(KEY, VALUE) "
                    + "or {item: {key: KEY, value: VALUE}}");
            case "value" -> reporter.report(node, VALUE_ONLY_IN_MAP);
            case "join", "expression", "class", "bean" -> reporter.report(node,
                    "'" + name + "' needs arguments: write it as a mapping, e.g. {" + name + ": ...}");
            default -> reporter.report(node, name.contains("(") && !name.contains(")")
                    ? "'" + name + "' looks like a call cut short at a comma; inside {...} quote it, e.g. "
                            + "handler: \"item(key, value)\""
                    : "unknown built-in '" + name + "'; known: " + String.join(", ", HandlerSpec.NO_ARGUMENT_BUILTINS));
        }
        return null;
    }

    /** Call-style shorthand: {@code item(id)}, {@code item(key, value)}, {@code value()}, {@code value(f)}, {@code count()}. */
    private static HandlerSpec parseCall(String name, String argText, Node node, Problems.Reporter reporter) {
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        if (!argText.isBlank()) {
            for (String raw : argText.split(",", -1)) {
                String arg = raw.trim();
                int eq = arg.indexOf('=');
                if (eq > 0 && arg.substring(0, eq).trim().matches("[A-Za-z_]+")) {
                    named.put(arg.substring(0, eq).trim(), unquote(arg.substring(eq + 1).trim()));
                } else if (!named.isEmpty()) {
                    reporter.report(node, "in '" + name + "(" + argText + ")': a positional argument follows a named one");
                    return null;
                } else {
                    positional.add(unquote(arg));
                }
            }
        }
        List<String> params = switch (name) {
            case "item" -> List.of("key", "value");
            case "value" -> List.of("field");
            default -> HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name) ? List.of() : null;
        };
        if (params == null) {
            reporter.report(node, HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name) || Set.of("join", "expression", "class", "bean").contains(name)
                    ? "'" + name + "(...)' is not supported as a call; write it as a mapping, e.g. {" + name + ": ...}"
                    : "unknown built-in '" + name + "'; known: " + String.join(", ", HandlerSpec.NO_ARGUMENT_BUILTINS)
                            + " (call-style shorthand exists for item(...) and value(...))");
            return null;
        }
        if (name.equals("value") && named.containsKey("key") && !named.containsKey("field")) {
            named.put("field", named.remove("key")); // the original's parameter name: value(key='_mr_value')
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            if (i >= params.size()) {
                reporter.report(node, "'" + name + "' takes at most " + params.size() + " argument(s), found "
                        + positional.size() + " in '" + name + "(" + argText + ")'");
                return null;
            }
            args.put(params.get(i), positional.get(i));
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (!params.contains(e.getKey()) || args.containsKey(e.getKey())) {
                reporter.report(node, "unknown or repeated argument '" + e.getKey() + "' of '" + name + "'; allowed: "
                        + (params.isEmpty() ? "none" : String.join(", ", params)));
                return null;
            }
            args.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : args.entrySet()) {
            if (e.getValue().isEmpty()) {
                reporter.report(node, "argument '" + e.getKey() + "' of '" + name + "' is empty");
                return null;
            }
        }
        return switch (name) {
            case "item" -> {
                if (!args.containsKey("key")) {
                    reporter.report(node, "'item' needs a key field: item(FIELD) or item(KEY, VALUE)");
                    yield null;
                }
                yield new HandlerSpec.Item(args.get("key"), args.get("value"));
            }
            case "value" -> new HandlerSpec.Value(args.getOrDefault("field",
                    ValueFieldMapper.DEFAULT_FIELD));
            default -> new HandlerSpec.NoArgument(name);
        };
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
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
