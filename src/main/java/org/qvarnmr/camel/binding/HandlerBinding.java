package org.qvarnmr.camel.binding;

import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ValueMapper;

/**
 * One validated handler definition: {@code target -> source -> definition}.
 *
 * @param target      derived resource type path name (e.g. {@code company_reports__map})
 * @param source      source resource type path name (for a reduce: the map target it reads)
 * @param kind        map or reduce
 * @param version     the handler version written to {@code _mr_version} and {@code qvarnmr_handlers};
 *                    for {@code version: auto} a stable positive number derived from the definition
 * @param autoVersion whether the definition said {@code version: auto}
 * @param description canonical one-line text of the handler definition (for logs, hashing, preview)
 * @param mapHandler  the handler when {@code kind == MAP}, else null
 * @param reduceHandler the handler when {@code kind == REDUCE}, else null
 * @param valueMapper the reduce definition's {@code map:}, or null
 * @param location    where the definition stands in its file
 */
public record HandlerBinding(
        String target,
        String source,
        HandlerKind kind,
        int version,
        boolean autoVersion,
        String description,
        MapHandler mapHandler,
        ReduceHandler reduceHandler,
        ValueMapper valueMapper,
        SourceLocation location) {
    /** Names the binding for messages: {@code handlers.yaml:3: map handler item(key=org) for target 'T', source 'S'}. */
    public String where() {
        return location + ": " + kind.name().toLowerCase(java.util.Locale.ROOT) + " handler " + description
                + " for target '" + target + "', source '" + source + "'";
    }
}
