package org.qvarnmr.camel.qvarn.server;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the test resource types live. */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code things} (every prototype feature) and {@code gadgets}. */
    public static Path resourceTypes() {
        return resource("/fixtures/resource-types");
    }

    static Path badResourceTypes() {
        return resource("/fixtures/bad-resource-types");
    }

    /** The demo's real types, as copied into config/resource-types. */
    static Path referenceTypes() {
        return Path.of("config/resource-types");
    }

    /** A started server with the test types and no auth. */
    static EmbeddedQvarn startThings() {
        return EmbeddedQvarn.builder().resourceTypesDir(resourceTypes()).build().start();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
