package org.qvarnmr.camel.binding;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Checks one definition's fields (allowed fields, version, handler, map) and builds its {@link HandlerBinding}. */
final class DefinitionBinder {
    private static final List<String> MAP_FIELDS = List.of("type", "version", "handler");
    private static final List<String> REDUCE_FIELDS = List.of("type", "version", "handler", "map");
    private static final Pattern POSITIVE_INT = Pattern.compile("\\+?[0-9_]+");

    private final HandlerFactory factory;

    DefinitionBinder(HandlerFactory factory) {
        this.factory = factory;
    }

    /** Checks one definition's fields and builds its binding; null when something is wrong (reported). */
    HandlerBinding bind(Definition d, String fileName, Problems problems) {
        if (d.body() == null) {
            return null;
        }
        int before = problems.count();
        Problems.Reporter reporter = problems.reporter(d.target(), d.source());
        List<String> allowed = d.kind() == HandlerKind.MAP ? MAP_FIELDS : REDUCE_FIELDS;
        for (Map.Entry<String, NodeTuple> field : d.fields().entrySet()) {
            Node key = field.getValue().getKeyNode();
            if (field.getKey().equals("map") && d.kind() == HandlerKind.MAP) {
                reporter.report(key, "field 'map' is only allowed in reduce definitions; allowed: " + String.join(", ", MAP_FIELDS));
            } else if (!REDUCE_FIELDS.contains(field.getKey())) {
                reporter.report(key, "unknown field '" + field.getKey() + "'; allowed: " + String.join(", ", allowed)
                        + (d.kind() == null ? " (map: reduce only)" : ""));
            }
        }
        NodeTuple versionField = d.fields().get("version");
        NodeTuple handlerField = d.fields().get("handler");
        NodeTuple mapField = d.kind() == HandlerKind.REDUCE ? d.fields().get("map") : null;
        if (versionField == null) {
            reporter.report(d.sourceKey(), "missing required field 'version' (a positive integer or auto)");
        }
        if (handlerField == null) {
            reporter.report(d.sourceKey(), "missing required field 'handler'");
        }
        Integer version = versionField == null ? null : version(versionField.getValueNode(), reporter);
        HandlerSpec spec = handlerField == null ? null : HandlerSpecParser.parseHandler(handlerField.getValueNode(), reporter);
        HandlerSpec.Value mapSpec = mapField == null ? null : HandlerSpecParser.parseMap(mapField.getValueNode(), reporter);
        if (spec == null || d.kind() == null) {
            return null;
        }
        // Resolve even when other fields are wrong, so that every problem is reported in one go.
        SourceLocation location = new SourceLocation(fileName, Yamls.line(d.sourceKey()));
        HandlerFactory.Resolved resolved = factory.resolve(spec, d.kind(), location, handlerField.getValueNode(), reporter);
        if (resolved == null || version == null || problems.count() > before) {
            return null;
        }
        boolean auto = version == 0;
        int number = auto ? AutoVersion.of(AutoVersion.canonical(d.kind(), spec, resolved.seed(), mapSpec)) : version;
        String description = spec.description() + (mapSpec == null ? "" : ", map: " + mapSpec.description());
        return new HandlerBinding(d.target(), d.source(), d.kind(), number, auto, description,
                d.kind() == HandlerKind.MAP ? (MapHandler) resolved.handler() : null,
                d.kind() == HandlerKind.REDUCE ? (ReduceHandler) resolved.handler() : null,
                mapSpec == null ? null : new ValueFieldMapper(mapSpec.field()),
                location);
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
}
