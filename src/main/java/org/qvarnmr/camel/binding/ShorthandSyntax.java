package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The shorthand handler syntax, a built-in's name ({@code count}, {@code value}) or a call ({@code item(org,
 * amount)}, {@code value(field=amount)}, {@code count()}), rewritten into the mapping form ({@code {item: {key:
 * org, value: amount}}}) that {@link HandlerSpecParser} reads from there on. Checks only what is the
 * shorthand's own (names and call arguments); the nodes it makes carry the shorthand's place in the file, so
 * every message keeps its file:line. Returns null after reporting.
 */
final class ShorthandSyntax {
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)");

    private ShorthandSyntax() {
    }

    /** The form a shorthand names: {@code item} for {@code item(a, b)}, else the text itself. */
    static String formName(String text) {
        Matcher call = CALL.matcher(text);
        return call.matches() ? call.group(1) : text;
    }

    /** The mapping form of a shorthand written at {@code node}. */
    static HandlerSpecParser.Form toMapping(String text, Node node, Problems.Reporter reporter) {
        Matcher call = CALL.matcher(text);
        return call.matches() ? call(call.group(1), call.group(2), node, reporter) : name(text, node, reporter);
    }

    private static HandlerSpecParser.Form name(String name, Node node, Problems.Reporter reporter) {
        if (HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name)) {
            return new HandlerSpecParser.Form(name, node, null);
        }
        switch (name) {
            case "value" -> {
                return new HandlerSpecParser.Form(name, node, scalar(Tag.NULL, "", node)); // value: (nothing)
            }
            case "item" -> reporter.report(node, "'item' needs a key field: item(FIELD), item(KEY, VALUE) "
                    + "or {item: {key: KEY, value: VALUE}}");
            case "join", "expression", "class", "bean", "route" -> reporter.report(node,
                    "'" + name + "' needs arguments: write it as a mapping, e.g. {" + name + ": ...}");
            default -> reporter.report(node, name.contains("(") && !name.contains(")")
                    ? "'" + name + "' looks like a call cut short at a comma; inside {...} quote it, e.g. "
                            + "handler: \"item(key, value)\""
                    : "unknown built-in '" + name + "'; known: " + String.join(", ", HandlerSpec.NO_ARGUMENT_BUILTINS));
        }
        return null;
    }

    /** {@code item(id)}, {@code item(key, value)}, {@code value()}, {@code value(f)}, {@code count()}. */
    private static HandlerSpecParser.Form call(String name, String argText, Node node, Problems.Reporter reporter) {
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
            reporter.report(node, HandlerSpec.NO_ARGUMENT_BUILTINS.contains(name) || Set.of("join", "expression", "class", "bean", "route").contains(name)
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
        if (name.equals("item") && !args.containsKey("key")) {
            reporter.report(node, "'item' needs a key field: item(FIELD) or item(KEY, VALUE)");
            return null;
        }
        return new HandlerSpecParser.Form(name, node, params.isEmpty() ? null : mapping(args, node));
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** {@code {name: value, ...}} as YAML nodes placed where the shorthand is. */
    private static MappingNode mapping(Map<String, String> args, Node at) {
        List<NodeTuple> tuples = new ArrayList<>();
        args.forEach((k, v) -> tuples.add(new NodeTuple(scalar(Tag.STR, k, at), scalar(Tag.STR, v, at))));
        return new MappingNode(Tag.MAP, true, tuples, at.getStartMark(), at.getEndMark(), DumperOptions.FlowStyle.FLOW);
    }

    private static ScalarNode scalar(Tag tag, String value, Node at) {
        return new ScalarNode(tag, value, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }
}
