package org.qvarnmr.camel.karaf.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/** The demo's sources, derived rows and ownership records (config/handlers.yaml), over the Qvarn API. */
final class DemoRows {
    private final QvarnClient client;

    DemoRows(QvarnClient client) {
        this.client = client;
    }

    /** Creates an org; returns its id. */
    String org(String name) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("names").add(name);
        return client.create("orgs", body).get("id").asText();
    }

    void report(String org) {
        client.create("reports", JsonNodeFactory.instance.objectNode().put("org", org));
    }

    /** The org's {@code reports_counts} value, 0 before the row exists. */
    long count(String org) {
        return countRow(org).map(r -> r.path("_mr_value").asLong()).orElse(0L);
    }

    /** The handler version that wrote the org's {@code reports_counts} row, 0 before it exists. */
    int version(String org) {
        return countRow(org).map(r -> r.path("_mr_version").asInt()).orElse(0);
    }

    /** The owners recorded on the instance's listeners; empty once none is owned. */
    List<String> owners(String instance) {
        return client.search(Search.on("qvarnmr_listeners").showAll()).stream()
                .filter(l -> instance.equals(l.path("instance").asText()))
                .map(l -> l.path("owner").asText(""))
                .filter(o -> !o.isEmpty())
                .toList();
    }

    private Optional<JsonNode> countRow(String org) {
        return client.search(Search.on("reports_counts").showAll()).stream()
                .filter(r -> org.equals(r.path("_mr_key").asText())).<JsonNode>map(r -> r).findFirst();
    }
}
