package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;

/**
 * How {@link JoinReducer} fetches the original source resources of map rows: one call per source type
 * and chunk of rows. Resources that are gone are left out of the answer; order does not matter (the
 * result is matched on {@code id}).
 */
@FunctionalInterface
public interface SourceFetcher {
    List<ObjectNode> fetch(HandlerContext context, String type, List<String> ids);

    /** The worker's fetcher: {@code context.sources().getMany(type, ids)} (cached, else concurrent GETs; 404s left out). */
    SourceFetcher QVARN = (context, type, ids) -> context.sources().getMany(type, ids);
}
