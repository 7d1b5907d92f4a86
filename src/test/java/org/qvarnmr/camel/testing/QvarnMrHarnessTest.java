package org.qvarnmr.camel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** The harness with types and bindings from the test class path, a bean handler and failures. */
@QvarnMrTest(resourceTypes = "testing/types", bindings = "testing/task-handlers.yaml",
        settings = "qvarnmr.retry.max-attempts=2")
class QvarnMrHarnessTest {
    /** Keys a task by its owner, valued by its hours; fails on tasks in state "broken". */
    static final MapHandler OWNER_HOURS = (task, context) -> {
        if ("broken".equals(task.path("state").asText())) {
            throw new IllegalStateException("broken task");
        }
        return List.of(new KeyValue(task.get("owner"), IntNode.valueOf(task.path("hours").asInt())));
    };

    private String first;

    @BeforeEach
    void seed(QvarnMrHarness qvarn) {
        qvarn.bind("ownerHours", OWNER_HOURS);
        first = qvarn.create("tasks", "{\"owner\": \"ann\", \"hours\": 3}");
    }

    @Test
    void shouldShareOneHarnessBetweenBeforeEachAndTheTest(QvarnMrHarness qvarn) throws Exception {
        qvarn.create("tasks", "{\"owner\": \"ann\", \"hours\": 4}");

        assertThat(qvarn.runWorker()).isZero();

        assertThat(qvarn.derivedByKey("task_hours").get("ann").get("_mr_value").asInt()).isEqualTo(7);
        assertThat(qvarn.get("tasks", first).get("hours").asInt()).isEqualTo(3);
    }

    @Test
    void shouldAddTheStateTypesWhenTheFolderLacksThem(QvarnMrHarness qvarn) throws Exception {
        assertThat(qvarn.server().resourceTypePaths()).contains("qvarnmr_listeners", "qvarnmr_handlers", "tasks");

        qvarn.runWorker();

        assertThat(qvarn.derived("qvarnmr_listeners")).isNotEmpty();
    }

    @Test
    void shouldRefuseDerivedByKeyOnAMapTargetWithSeveralRowsPerKey(QvarnMrHarness qvarn) throws Exception {
        qvarn.create("tasks", "{\"owner\": \"ann\", \"hours\": 1}");
        qvarn.runWorker();

        assertThat(qvarn.derived("task_owners__map")).hasSize(2);
        assertThatThrownBy(() -> qvarn.derivedByKey("task_owners__map")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("key ann").hasMessageContaining("derived(\"task_owners__map\")");
    }

    @Test
    void shouldFollowUpdatesAcrossRuns(QvarnMrHarness qvarn) throws Exception {
        qvarn.runWorker();

        qvarn.update("tasks", first, "{\"owner\": \"bob\", \"hours\": 5}");
        assertThat(qvarn.runWorker()).isZero();

        assertThat(qvarn.derivedByKey("task_hours")).containsOnlyKeys("bob");
    }

    @Test
    void shouldDeadLetterAChangeThatFailsEveryAttempt(QvarnMrHarness qvarn) throws Exception {
        String broken = qvarn.create("tasks", "{\"owner\": \"ann\", \"hours\": 1, \"state\": \"broken\"}");
        qvarn.runWorker(); // the first run resyncs: listeners exist from now on
        qvarn.update("tasks", broken, "{\"owner\": \"ann\", \"hours\": 2, \"state\": \"broken\"}");

        assertThat(qvarn.runWorker()).as("a dead letter: exit 4").isEqualTo(4);

        assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.get("resourceId").asText()).isEqualTo(broken);
            assertThat(letter.get("attempts").asInt()).isEqualTo(2);
            assertThat(letter.get("error").asText()).contains("broken task");
        });
    }

    @Test
    void shouldResyncAfterSwitchingToBindingsWithABumpedVersion(QvarnMrHarness qvarn) throws Exception {
        qvarn.runWorker();
        assertThat(qvarn.derived("task_owners__map")).extracting(r -> r.get("_mr_version").asInt()).containsOnly(1);

        assertThat(qvarn.bindings("testing/task-handlers-v2.yaml").runWorker()).isZero();

        assertThat(qvarn.derived("task_owners__map")).extracting(r -> r.get("_mr_version").asInt()).containsOnly(2);
        assertThat(qvarn.derivedByKey("task_hours").get("ann").get("_mr_value").asInt()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheDocumentedExampleIdenticalToExampleHandlerTest() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/testing-handlers.md"));
        String example = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/org/qvarnmr/camel/testing/ExampleHandlerTest.java"));
        int start = doc.indexOf("```java\n") + "```java\n".length();
        String documented = doc.substring(start, doc.indexOf("```", start));

        assertThat(example).endsWith(documented).startsWith("package org.qvarnmr.camel.testing;\n\n" + documented);
    }

    @Test
    @QvarnMrTest(resourceTypes = "testing/types", bindings = "no/such/handlers.yaml")
    void shouldNameMissingBindings(QvarnMrHarness qvarn) {
        assertThatThrownBy(qvarn::runWorker).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no/such/handlers.yaml");
    }

    @Test
    void shouldRejectJsonThatIsNotAnObject(QvarnMrHarness qvarn) {
        assertThatThrownBy(() -> qvarn.create("tasks", "[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a JSON object");
    }
}
