package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads the file's shape, {@code target -> source -> definition}, with type names and each definition's type. */
final class DefinitionReader {
    private static final Pattern TYPE_NAME = HandlerSpecParser.TYPE_NAME;

    private DefinitionReader() {
    }

    /** The file's targets by name, in file order; what is wrong is reported. */
    static Map<String, Target> read(Node root, Problems problems) {
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
                target.definitions().add(readDefinition(name, s.getKey(), s.getValue(), problems));
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
            return new Definition(target, source, key, null, Map.of(), null);
        }
        Map<String, NodeTuple> fields = Yamls.entries(mapping, "field", reporter);
        NodeTuple type = fields.get("type");
        HandlerKind kind = null;
        if (type == null) {
            reporter.report(key, "missing required field 'type' (map or reduce)");
        } else if (Yamls.isString(type.getValueNode()) && List.of("map", "reduce").contains(Yamls.string(type.getValueNode()))) {
            kind = HandlerKind.valueOf(Yamls.string(type.getValueNode()).toUpperCase(Locale.ROOT));
        } else {
            reporter.report(type.getValueNode(), "type must be 'map' or 'reduce', found " + Yamls.describe(type.getValueNode()));
        }
        return new Definition(target, source, key, mapping, fields, kind);
    }

    private static void checkTypeName(String name, String what, Node at, Problems.Reporter reporter) {
        if (!TYPE_NAME.matcher(name).matches()) {
            reporter.report(at, what + " name '" + name + "' is not a valid resource type name; "
                    + "use only letters, digits, '_' and '-'");
        }
    }
}
