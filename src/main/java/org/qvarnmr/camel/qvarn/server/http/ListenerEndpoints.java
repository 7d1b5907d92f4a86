package org.qvarnmr.camel.qvarn.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.store.BodyValidator;
import org.qvarnmr.camel.qvarn.server.store.FieldSpec;
import org.qvarnmr.camel.qvarn.server.store.Notification;
import org.qvarnmr.camel.qvarn.server.store.Prototype;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.ScalarKind;
import org.qvarnmr.camel.qvarn.server.store.StoredListener;

/** Listeners and notifications of a type (section 6). There is no search route for them. */
public final class ListenerEndpoints {
    static final String LISTENER_TYPE = "listener";
    static final Prototype LISTENER_PROTOTYPE = listenerPrototype();

    private final Json json;
    private final RequestBodies bodies;
    private final BodyValidator validator;

    public ListenerEndpoints(Json json, RequestBodies bodies, BodyValidator validator) {
        this.json = json;
        this.bodies = bodies;
        this.validator = validator;
    }

    private static Prototype listenerPrototype() {
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (String name : List.of("type", "id", "revision")) {
            fields.put(name, new FieldSpec.Scalar(ScalarKind.STRING, TextNode.valueOf("")));
        }
        fields.put("notify_of_new", new FieldSpec.Scalar(ScalarKind.BOOLEAN, BooleanNode.FALSE));
        fields.put("listen_on_all", new FieldSpec.Scalar(ScalarKind.BOOLEAN, BooleanNode.FALSE));
        fields.put("listen_on", new FieldSpec.StringList(List.of("")));
        return new Prototype(fields);
    }

    Response list(ResourceStore store) {
        ObjectNode result = json.object();
        ArrayNode resources = result.putArray("resources");
        store.listeners().list().forEach(l -> resources.addObject().put("id", l.id()));
        return Response.json(200, json.bytes(result));
    }

    /** Missing booleans become null (behaving like false), a missing {@code listen_on} []. */
    Response create(Request request, ResourceStore store) {
        ObjectNode body = bodies.readObject(request);
        RequestBodies.checkCreate(body);
        ObjectNode filled = validator.fillAndValidate(body, LISTENER_PROTOTYPE, LISTENER_TYPE);
        StoredListener listener = store.listeners().create(filled.deepCopy());
        filled.put("id", listener.id());
        filled.put("revision", listener.revision());
        return Response.json(201, json.bytes(filled)).withHeader("Location",
                "https://" + request.host() + "/" + store.type().path() + "/listeners/" + listener.id());
    }

    Response read(ResourceStore store, String listenerId) {
        StoredListener listener = store.listeners().get(listenerId);
        if (listener == null) {
            throw Errors.itemDoesNotExist(listenerId);
        }
        return Response.json(200, json.bytes(listener.body()));
    }

    Response replace(Request request, ResourceStore store, String listenerId) {
        ObjectNode body = bodies.readObject(request);
        String revision = RequestBodies.checkUpdate(body, listenerId);
        ObjectNode filled = validator.fillAndValidate(body, LISTENER_PROTOTYPE, LISTENER_TYPE);
        StoredListener listener = store.listeners().replace(listenerId, filled.deepCopy(), revision);
        filled.put("id", listenerId);
        filled.put("revision", listener.revision());
        return Response.json(200, json.bytes(filled));
    }

    /** Also drops the listener's notifications; unknown ids answer 200 too. */
    Response delete(ResourceStore store, String listenerId) {
        store.listeners().delete(listenerId);
        return Response.empty();
    }

    /** Oldest first by {@code last_modified}; an unknown listener has none. */
    Response listNotifications(ResourceStore store, String listenerId) {
        ObjectNode result = json.object();
        ArrayNode resources = result.putArray("resources");
        store.listeners().notificationsOf(listenerId).forEach(n -> resources.addObject().put("id", n.id()));
        return Response.json(200, json.bytes(result));
    }

    /** The listener id in the path is ignored, as in 0.82. */
    Response readNotification(ResourceStore store, String notificationId) {
        Notification notification = store.listeners().notification(notificationId);
        if (notification == null) {
            throw Errors.itemDoesNotExist(notificationId);
        }
        return Response.json(200, json.bytes(notification.toJson(json)));
    }

    Response deleteNotification(ResourceStore store, String notificationId) {
        store.listeners().deleteNotification(notificationId);
        return Response.empty();
    }
}
