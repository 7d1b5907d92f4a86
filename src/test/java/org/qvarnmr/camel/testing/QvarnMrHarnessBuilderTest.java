package org.qvarnmr.camel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A harness made by hand: types from a folder, bindings as YAML text, a worker in forever mode. */
class QvarnMrHarnessBuilderTest {
    private static final String COUNT_TASKS = """
            task_owners__map:
              tasks: {type: map, version: 1, handler: {item: {key: owner}}}
            task_hours:
              task_owners__map: {type: reduce, version: 1, handler: count}
            """;

    @Test
    void shouldFollowChangesWhileAForeverWorkerRuns() throws Exception {
        try (QvarnMrHarness qvarn = QvarnMrHarness.builder().resourceTypes(Path.of("src/test/resources/testing/types"))
                .set("qvarnmr.instance", "by-hand").set("qvarnmr.management.enabled", "no").start()) {
            qvarn.create("tasks", "{\"owner\": \"ann\", \"hours\": 3}");

            try (QvarnMrHarness.RunningWorker worker = qvarn.bindingsYaml(COUNT_TASKS).startWorker()) {
                qvarn.create("tasks", "{\"owner\": \"ann\", \"hours\": 4}");

                await().atMost(Duration.ofMinutes(1)).until(() -> tasksOf(qvarn, "ann") == 2);
                assertThat(qvarn.lastContext().getRouteController().getRouteStatus("qvarnmr-poll").isStarted()).isTrue();
            }
            assertThat(qvarn.derived("qvarnmr_listeners")).allMatch(l -> "by-hand".equals(l.get("instance").asText()));
        }
    }

    private static int tasksOf(QvarnMrHarness qvarn, String owner) {
        ObjectNode row = qvarn.derivedByKey("task_hours").get(owner);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    @Test
    void shouldGiveOneRunItsOwnSettingsWithoutKeepingThem() throws Exception {
        try (QvarnMrHarness qvarn = QvarnMrHarness.builder().resourceTypes(Path.of("src/test/resources/testing/types"))
                .start()) {
            qvarn.bindingsYaml(COUNT_TASKS);

            assertThat(qvarn.runWorker("qvarnmr.instance=once")).isZero();

            assertThat(qvarn.derived("qvarnmr_listeners")).allMatch(l -> "once".equals(l.get("instance").asText()));

            assertThat(qvarn.runWorker()).isZero();
            assertThat(qvarn.derived("qvarnmr_listeners")).extracting(l -> l.get("instance").asText())
                    .containsOnly("once", "test");
        }
    }

    @Test
    void shouldStartIndependentHarnessesFromOneBuilder() throws Exception {
        QvarnMrHarness.Builder builder = QvarnMrHarness.builder()
                .resourceTypes(Path.of("src/test/resources/testing/types")).set("qvarnmr.instance", "first");
        try (QvarnMrHarness first = builder.start()) {
            first.set("qvarnmr.instance", "changed-later");
            builder.set("qvarnmr.instance", "second");

            try (QvarnMrHarness second = builder.start()) {
                assertThat(second.server().resourceTypePaths()).as("the state types added once, not twice")
                        .contains("qvarnmr_listeners", "qvarnmr_handlers", "tasks");
                assertThat(second.bindingsYaml(COUNT_TASKS).runWorker()).isZero();
                assertThat(first.bindingsYaml(COUNT_TASKS).runWorker()).isZero();

                assertThat(first.derived("qvarnmr_listeners")).extracting(l -> l.get("instance").asText())
                        .as("the harness's own setting, not the builder's later one").containsOnly("changed-later");
                assertThat(second.derived("qvarnmr_listeners")).extracting(l -> l.get("instance").asText())
                        .containsOnly("second");
            }
        }
    }
}
