package org.qvarnmr.camel.qvarn.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.search.SearchEngine;
import org.qvarnmr.camel.qvarn.server.search.SearchParser;
import org.qvarnmr.camel.qvarn.server.search.SearchQuery;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/** {@code GET /{path}/search/...} (section 5). */
public final class SearchEndpoint {
    private static final String MARKER = "/search/";

    private final Json json;
    private final SearchParser parser = new SearchParser();
    private final SearchEngine engine = new SearchEngine();

    public SearchEndpoint(Json json) {
        this.json = json;
    }

    /**
     * 0.82 parses the raw request URI, query string included, after its first {@code /search/};
     * so {@code ?x=1} ends up inside the last value.
     */
    Response search(Request request, ResourceStore store) {
        String uri = request.rawQuery() == null ? request.rawPath() : request.rawPath() + "?" + request.rawQuery();
        SearchQuery query = parser.parse(uri.substring(uri.indexOf(MARKER) + MARKER.length()));
        List<StoredResource> hits = engine.run(store, query);
        ObjectNode result = json.object();
        ArrayNode resources = result.putArray("resources");
        for (StoredResource hit : hits) {
            if (query.showAll()) {
                resources.add(hit.body());
            } else {
                ObjectNode entry = resources.addObject().put("id", hit.id());
                for (String field : query.show()) {
                    // only top-level fields of the main resource; other names are ignored
                    JsonNode value = store.type().prototype().has(field) ? hit.body().get(field) : null;
                    if (value != null) {
                        entry.set(field, value);
                    }
                }
            }
        }
        return Response.json(200, json.bytes(result));
    }
}
