package org.qvarnmr.camel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** A {@code QvarnMrHarness} field is the test's harness, set before {@code @BeforeEach}, fresh per test. */
@QvarnMrTest(settings = "qvarnmr.instance=fields")
class HarnessFieldTest {
    private QvarnMrHarness qvarn;
    private QvarnMrHarness seenBeforeEach;

    @BeforeEach
    void before(QvarnMrHarness parameter) {
        seenBeforeEach = qvarn;
        assertThat(qvarn).isSameAs(parameter);
    }

    @Test
    void shouldSetTheFieldToTheHarnessTheMethodsGet(QvarnMrHarness parameter) {
        assertThat(seenBeforeEach).isNotNull().isSameAs(parameter);
        String org = qvarn.create("orgs", "{\"names\": [\"Field Oy\"]}");
        assertThat(parameter.get("orgs", org).get("names").get(0).asText()).isEqualTo("Field Oy");
    }

    /** One instance for all tests: each test still gets its own harness, not the closed one of the last test. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SharedInstance {
        private QvarnMrHarness shared;
        private final List<QvarnMrHarness> seen = new ArrayList<>();

        @Test
        @Order(1)
        void first() {
            seen.add(shared);
            shared.create("orgs", "{\"names\": [\"First Oy\"]}");
        }

        @Test
        @Order(2)
        void second() {
            seen.add(shared);
            assertThat(seen).doesNotContainNull();
            assertThat(seen.get(1)).isNotSameAs(seen.get(0));
            assertThat(shared.client().listIds("orgs")).isEmpty(); // a fresh Qvarn
        }
    }
}
