package org.qvarnmr.camel.qvarn.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.store.BodyValidator;

/** Reads JSON request bodies with 0.82's checks (sections 1 and 2.3). */
public final class RequestBodies {
    private final Json json;

    public RequestBodies(Json json) {
        this.json = json;
    }

    /**
     * The body as an object. The Content-Type must be exactly {@code application/json} (compared
     * lower-cased, so a charset parameter fails). An empty body is a 400 here; 0.82 crashes (500).
     */
    ObjectNode readObject(Request request) {
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).equals(Response.JSON)) {
            throw Errors.contentIsNotJson();
        }
        JsonNode node;
        try {
            node = json.parse(request.body());
        } catch (IOException e) {
            throw Errors.contentIsNotJson();
        }
        if (node == null || node.isMissingNode()) {
            throw Errors.contentIsNotJson();
        }
        if (!node.isObject()) {
            throw Errors.itemMustBeDict(BodyValidator.pythonType(node));
        }
        return (ObjectNode) node;
    }

    /** The checks 0.82 makes on every PUT body before validation: matching id, revision present. */
    static String checkUpdate(ObjectNode body, String routeId) {
        JsonNode id = body.get("id");
        if (id != null && !(id.isTextual() && id.textValue().equals(routeId))) {
            throw Errors.itemHasConflictingId(id, routeId);
        }
        if (!body.has("revision")) {
            throw Errors.noItemRevision(routeId);
        }
        JsonNode revision = body.get("revision");
        return revision.isTextual() ? revision.textValue() : null;
    }

    /** POST bodies may not carry an id or a revision, not even null ones. */
    static void checkCreate(ObjectNode body) {
        if (body.has("id")) {
            throw Errors.newItemHasIdAlready(body.get("id"));
        }
        if (body.has("revision")) {
            throw Errors.newItemHasRevisionAlready(body.get("revision"));
        }
    }
}
