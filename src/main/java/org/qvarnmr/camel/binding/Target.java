package org.qvarnmr.camel.binding;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** One target of the file as read, with its definitions in file order. */
record Target(String name, Node key, List<Definition> definitions) {
    /** The common kind of its definitions, or null when unknown or mixed (reported). */
    HandlerKind kind() {
        HandlerKind kind = null;
        for (Definition d : definitions) {
            if (d.kind() != null && kind != null && d.kind() != kind) {
                return null;
            }
            kind = d.kind() != null ? d.kind() : kind;
        }
        return kind;
    }
}
