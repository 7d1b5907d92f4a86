package org.qvarnmr.camel.qvarn.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.store.BodyValidator;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.ResourceType;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/** {@code /{path}} and {@code /{path}/{id}}: list, create, read, replace, delete (section 3). */
public final class ResourceEndpoints {
    private final Json json;
    private final RequestBodies bodies;
    private final BodyValidator validator;

    public ResourceEndpoints(Json json, RequestBodies bodies, BodyValidator validator) {
        this.json = json;
        this.bodies = bodies;
        this.validator = validator;
    }

    Response list(ResourceStore store) {
        ObjectNode result = json.object();
        ArrayNode resources = result.putArray("resources");
        store.all().forEach(r -> resources.addObject().put("id", r.id()));
        return Response.json(200, json.bytes(result));
    }

    /** 201, {@code Location} with the scheme forced to https as 0.82 does, body = filled input. */
    Response create(Request request, ResourceStore store) {
        ResourceType type = store.type();
        ObjectNode body = bodies.readObject(request);
        RequestBodies.checkCreate(body);
        ObjectNode filled = validator.fillAndValidate(body, type.prototype(), type.name());
        StoredResource stored = store.create(validator.toStored(type.prototype(), filled));
        filled.put("id", stored.id());
        filled.put("revision", stored.revision());
        return Response.json(201, json.bytes(filled))
                .withHeader("Location", "https://" + request.host() + "/" + type.path() + "/" + stored.id());
    }

    Response read(ResourceStore store, String id) {
        StoredResource stored = store.get(id);
        if (stored == null) {
            throw Errors.itemDoesNotExist(id);
        }
        return Response.json(200, json.bytes(stored.body()));
    }

    Response replace(Request request, ResourceStore store, String id) {
        ResourceType type = store.type();
        ObjectNode body = bodies.readObject(request);
        String revision = RequestBodies.checkUpdate(body, id);
        ObjectNode filled = validator.fillAndValidate(body, type.prototype(), type.name());
        StoredResource stored = store.replace(id, validator.toStored(type.prototype(), filled), revision);
        filled.put("id", id);
        filled.put("revision", stored.revision());
        return Response.json(200, json.bytes(filled));
    }

    Response delete(ResourceStore store, String id) {
        store.delete(id);
        return Response.empty();
    }
}
