package org.qvarnmr.camel.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * The {@code qvarn:TYPE?operation=...} producer. Qvarn's answers become the body (see {@link QvarnOperation});
 * its failures are thrown as the client's typed exceptions ({@code QvarnNotFoundException},
 * {@code QvarnConflictException}, ...), so a route's {@code onException} can act on each.
 */
public class QvarnProducer extends DefaultProducer {
    public QvarnProducer(QvarnEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public QvarnEndpoint getEndpoint() {
        return (QvarnEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        QvarnEndpoint endpoint = getEndpoint();
        Message in = exchange.getMessage();
        QvarnOperation operation = in.getHeader(QvarnConstants.OPERATION, endpoint.getOperation(), QvarnOperation.class);
        String type = endpoint.getResourceType();
        String where = "qvarn:" + type + " " + operation;
        QvarnClient qvarn = endpoint.client();
        OutputType output = endpoint.getOutputType();
        switch (operation) {
            case get -> stored(in, qvarn.get(type, id(in, where)), output);
            case list -> in.setBody(qvarn.listIds(type));
            case search -> in.setBody(QvarnJson.out(qvarn.search(search(in, endpoint, type)), output));
            case create -> stored(in, qvarn.create(type, QvarnJson.object(in.getBody(), where)), output);
            case update -> {
                ObjectNode body = QvarnJson.object(in.getBody(), where);
                String id = in.getHeader(QvarnConstants.RESOURCE_ID, String.class);
                if (id == null) {
                    id = idField(body, where);
                }
                stored(in, qvarn.update(type, id, body), output);
            }
            case delete -> {
                String id = id(in, where);
                qvarn.delete(type, id);
                in.setHeader(QvarnConstants.RESOURCE_ID, id);
            }
            default -> throw new IllegalStateException(where + ": not an operation");
        }
        in.setHeader(QvarnConstants.RESOURCE_TYPE, type);
    }

    private static void stored(Message in, ObjectNode resource, OutputType output) {
        in.setHeader(QvarnConstants.RESOURCE_ID, text(resource.get("id")));
        in.setHeader(QvarnConstants.REVISION, text(resource.get("revision")));
        in.setBody(QvarnJson.out(resource, output));
    }

    /** The QvarnResourceId header; else the body: an id as text, or a JSON object's id. */
    private static String id(Message in, String where) {
        String id = in.getHeader(QvarnConstants.RESOURCE_ID, String.class);
        if (id != null) {
            return id;
        }
        Object body = in.getBody();
        if (body instanceof String text && !text.strip().startsWith("{")) {
            if (text.isBlank()) {
                throw new IllegalArgumentException(where + ": no id: set the QvarnResourceId header or send the id "
                        + "as the body");
            }
            return text.strip();
        }
        if (body == null) {
            throw new IllegalArgumentException(where + ": no id: set the QvarnResourceId header or send the id as "
                    + "the body");
        }
        return idField(QvarnJson.object(body, where), where);
    }

    private static String idField(ObjectNode body, String where) {
        String id = text(body.get("id"));
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(where + ": no id: set the QvarnResourceId header or give the body an "
                    + "\"id\"");
        }
        return id;
    }

    private static Search search(Message in, QvarnEndpoint endpoint, String type) {
        Object header = in.getHeader(QvarnConstants.SEARCH);
        if (header instanceof Search search) {
            return search;
        }
        String text = header != null ? header.toString() : endpoint.getSearch();
        return SearchText.parse(type, text);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
