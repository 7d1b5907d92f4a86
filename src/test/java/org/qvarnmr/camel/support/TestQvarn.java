package org.qvarnmr.camel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * The public harness as the project's end-to-end tests start it by hand: the demo's types (plus any given
 * as YAML text), instance {@code it}, no management server (tests that want it turn it on, on a free port).
 * Tests that need only the demo's types use {@code @QvarnMrTest(settings = {"qvarnmr.instance=it",
 * "qvarnmr.management.enabled=no"})} instead.
 */
public final class TestQvarn {
    private TestQvarn() {
    }

    /** The preset builder: add types, credentials or settings, then {@code start()} or {@code on(server)}. */
    public static QvarnMrHarness.Builder builder() {
        return QvarnMrHarness.builder().resourceTypes(Path.of("config", "resource-types"))
                .set("qvarnmr.instance", "it")
                .set("qvarnmr.management.enabled", "no");
    }

    /** Starts an embedded Qvarn with the demo's types and these extra type documents. */
    public static QvarnMrHarness start(String... extraTypes) throws IOException {
        QvarnMrHarness.Builder builder = builder();
        for (String type : extraTypes) {
            builder.resourceTypeYaml(type);
        }
        return builder.start();
    }

    /**
     * {@link #start} for a field initializer, where a checked exception cannot go (e.g. when another field,
     * such as a {@code HostileQvarn}, needs the server): the test closes it in an {@code @AfterEach} method.
     */
    public static QvarnMrHarness perTest(String... extraTypes) {
        try {
            return start(extraTypes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Qvarn: " + e.getMessage(), e);
        }
    }
}
