package org.qvarnmr.camel.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code qvarnmr:} component: the worker's own events for the user's routes. Today one endpoint,
 * {@code qvarnmr:derived}, where every derived row the worker writes is announced ({@link QvarnMrEndpoint}).
 */
@org.apache.camel.spi.annotations.Component("qvarnmr")
public class QvarnMrComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!QvarnMrEndpoint.DERIVED.equals(remaining)) {
            throw new IllegalArgumentException("unknown endpoint '" + uri + "': the qvarnmr component has one, "
                    + "qvarnmr:" + QvarnMrEndpoint.DERIVED);
        }
        QvarnMrEndpoint endpoint = new QvarnMrEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
