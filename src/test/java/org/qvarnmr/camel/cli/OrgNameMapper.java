package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** Keys a report by its org and values it with the org's first name, read from Qvarn. */
public class OrgNameMapper implements MapHandler {
    @Override
    public List<KeyValue> map(ObjectNode report, HandlerContext context) {
        if (context.qvarn() == null) {
            throw new IllegalStateException("this handler reads orgs from Qvarn: give --qvarn-url");
        }
        ObjectNode org = context.qvarn().get("orgs", report.get("org").asText());
        return List.of(new KeyValue(report.get("org"), org.path("names").path(0)));
    }
}
