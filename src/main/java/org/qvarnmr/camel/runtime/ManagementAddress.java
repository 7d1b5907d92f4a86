package org.qvarnmr.camel.runtime;

import java.util.OptionalInt;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The port Camel Main's management server really bound. With {@code qvarnmr.management.port=0} the operating
 * system picks it; the configured number says nothing then, only the started Vert.x server knows it.
 */
final class ManagementAddress {
    private ManagementAddress() {
    }

    /** The bound port once the context has started; empty when the management server is off. */
    static OptionalInt boundPort(CamelContext camel) {
        ManagementHttpServer server = camel.hasService(ManagementHttpServer.class);
        VertxPlatformHttpRouter router = server == null ? null : server.getRouter();
        if (router == null || router.getServer() == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(router.getServer().getPort()); // HttpServer.actualPort() once it listens
    }
}
