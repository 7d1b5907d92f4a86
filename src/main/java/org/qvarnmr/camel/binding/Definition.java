package org.qvarnmr.camel.binding;

import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * One {@code source: definition} entry of a target as read; {@code body} is null when it is not a mapping and
 * {@code kind} null when its type is missing or wrong (both reported).
 */
record Definition(String target, String source, Node sourceKey, MappingNode body, Map<String, NodeTuple> fields,
        HandlerKind kind) {
}
