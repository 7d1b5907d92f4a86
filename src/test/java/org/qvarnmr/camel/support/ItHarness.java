package org.qvarnmr.camel.support;

import java.nio.file.Path;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * The public {@link QvarnMrHarness} as the internal end-to-end tests start it: the example types of
 * {@code config/resource-types}, instance {@code it}, no management server (a test that wants it turns
 * it on, on a free port).
 */
public final class ItHarness {
    private ItHarness() {
    }

    /** A builder with those settings; add types or settings, then {@code start()}. */
    public static QvarnMrHarness.Builder builder() {
        return QvarnMrHarness.builder().resourceTypes(Path.of("config", "resource-types"))
                .set("qvarnmr.instance", "it")
                .set("qvarnmr.management.enabled", "no");
    }
}
