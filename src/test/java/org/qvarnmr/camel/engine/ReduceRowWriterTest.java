package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A key ends with one reduce row saying its result: extra rows are deleted, a row that already says it is
 * not written, no result deletes them all, and a 409 is met by re-reading the row and writing once more.
 */
class ReduceRowWriterTest {
    private static final String TARGET = ReduceRowStoreTest.TARGET;
    private static final HandlerBinding COUNT = new BindingsLoader(HandlerResolver.NONE).parse("""
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """, "counts.yaml").reduceHandlerOf("reports_counts__map").orElseThrow();

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<String> announced = new ArrayList<>();
    private QvarnMrHarness qvarn;
    private ReduceRowStore store;

    @BeforeEach
    void start() throws IOException {
        qvarn = ReduceRowStoreTest.qvarn();
        store = ReduceRowStoreTest.store(qvarn.client());
    }

    @AfterEach
    void close() {
        qvarn.close();
    }

    private ReduceRowWriter writer(int conflictRetries) {
        ReduceRowWriter writer = new ReduceRowWriter(qvarn.client(), store, clock, conflictRetries);
        writer.onWrite((type, id, key, operation) -> announced.add(operation + " " + type + "/" + key));
        return writer;
    }

    private ObjectNode row(String key, long timestamp, int value) {
        return ReduceRowStoreTest.reduceRow(qvarn.client(), key, timestamp, value);
    }

    private List<Integer> valuesOf(String key) {
        return qvarn.derived(TARGET).stream().filter(r -> key.equals(MrFields.text(r, MrFields.KEY)))
                .map(r -> r.get(MrFields.VALUE).asInt()).toList();
    }

    @Test
    void shouldLeaveOneRowSayingTheResultWhenAKeyHoldsSeveral() {
        row("a", 1, 1);
        row("a", 2, 2);

        boolean wrote = writer(0).write(COUNT, "a", IntNode.valueOf(5), store.reduceRows(TARGET, "a"));

        assertThat(wrote).isTrue();
        assertThat(valuesOf("a")).containsExactly(5);
        assertThat(announced).containsExactly("delete reports_counts/a", "update reports_counts/a");
    }

    @Test
    void shouldNotWriteARowThatAlreadySaysTheResult() {
        ReduceRowWriter writer = writer(0);
        writer.write(COUNT, "a", IntNode.valueOf(5), store.reduceRows(TARGET, "a"));
        long before = qvarn.server().stats().total();

        boolean wrote = writer.write(COUNT, "a", IntNode.valueOf(5), store.reduceRows(TARGET, "a"));

        assertThat(wrote).isFalse();
        assertThat(qvarn.server().stats().total() - before).as("requests").isZero();
        assertThat(announced).containsExactly("create reports_counts/a");
    }

    @Test
    void shouldDeleteEveryRowOfAKeyWithoutResult() {
        row("a", 1, 1);
        row("a", 2, 2);

        assertThat(writer(0).write(COUNT, "a", null, store.reduceRows(TARGET, "a"))).isTrue();

        assertThat(valuesOf("a")).isEmpty();
        assertThat(store.reduceRows(TARGET, "a")).isEmpty();
    }

    @Test
    void shouldWriteOnTheRereadRowAfterAConflict() {
        row("a", 1, 1);
        List<ObjectNode> stale = store.reduceRows(TARGET, "a");
        ObjectNode meanwhile = stale.get(0).deepCopy().put(MrFields.VALUE, 2);
        qvarn.client().update(TARGET, MrFields.text(meanwhile, "id"), meanwhile); // a new revision

        assertThatThrownBy(() -> writer(0).write(COUNT, "a", IntNode.valueOf(5), stale))
                .isInstanceOf(QvarnConflictException.class);
        assertThat(writer(1).write(COUNT, "a", IntNode.valueOf(5), stale)).isTrue();

        assertThat(valuesOf("a")).containsExactly(5);
        assertThat(store.reduceRows(TARGET, "a")).extracting(r -> r.get(MrFields.VALUE).asInt()).containsExactly(5);
    }
}
