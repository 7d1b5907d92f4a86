package org.qvarnmr.camel.qvarn.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.store.BodyValidator;
import org.qvarnmr.camel.qvarn.server.store.Prototype;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.StoredFile;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/** {@code /{path}/{id}/{subpath}}: JSON subresources and file subresources (section 4). */
public final class SubresourceEndpoints {
    private final Json json;
    private final RequestBodies bodies;
    private final BodyValidator validator;

    public SubresourceEndpoints(Json json, RequestBodies bodies, BodyValidator validator) {
        this.json = json;
        this.bodies = bodies;
        this.validator = validator;
    }

    /** The fields plus the parent's current revision; no id, no type. */
    Response read(ResourceStore store, String id, String subpath) {
        StoredResource parent = existing(store, id);
        ObjectNode content = parent.subresources().get(subpath).deepCopy();
        content.put("revision", parent.revision());
        return Response.json(200, json.bytes(content));
    }

    /** Needs the parent's revision; bumps it and notifies like a PUT of the parent. */
    Response replace(Request request, ResourceStore store, String id, String subpath) {
        Prototype prototype = store.type().subresources().get(subpath);
        ObjectNode body = bodies.readObject(request);
        String revision = RequestBodies.checkUpdate(body, id);
        body.remove("revision");
        ObjectNode filled = validator.fillAndValidate(body, prototype, null);
        StoredResource stored = store.replaceSubresource(id, subpath, validator.toStored(prototype, filled), revision);
        filled.put("revision", stored.revision());
        return Response.json(200, json.bytes(filled));
    }

    /** The raw bytes with their media type and the parent revision in a {@code Revision} header. */
    Response readFile(ResourceStore store, String id, String file) {
        StoredResource parent = existing(store, id);
        StoredFile content = parent.files().get(file);
        if (content == null) {
            throw Errors.itemDoesNotExist(id);
        }
        return new Response(200, content.contentType(), content.content(), Map.of("Revision", parent.revision()));
    }

    /** Raw bytes; the parent revision comes in a {@code Revision} request header. */
    Response replaceFile(Request request, ResourceStore store, String id, String file) {
        String revision = request.header("Revision");
        if (revision == null) {
            throw Errors.noItemRevision(id);
        }
        if (request.header("Content-Length") == null) {
            throw Errors.contentLengthMissing(id);
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            throw Errors.invalidContentType(id);
        }
        StoredResource stored = store.replaceFile(id, file, new StoredFile(request.body(), contentType), revision);
        ObjectNode result = json.object();
        result.put("id", id);
        result.put("revision", stored.revision());
        return Response.json(200, json.bytes(result));
    }

    private static StoredResource existing(ResourceStore store, String id) {
        StoredResource parent = store.get(id);
        if (parent == null) {
            throw Errors.itemDoesNotExist(id);
        }
        return parent;
    }
}
