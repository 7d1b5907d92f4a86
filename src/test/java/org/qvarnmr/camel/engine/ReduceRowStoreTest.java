package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * The reduce rows of a key are read newest first, and once: after that from memory, until a write's outcome
 * is unknown or the rows are forgotten, when Qvarn is searched again.
 */
class ReduceRowStoreTest {
    static final String TARGET = "reports_counts";

    private QvarnMrHarness qvarn;
    private ReduceRowStore store;

    static QvarnMrHarness qvarn() throws IOException {
        return QvarnMrHarness.builder().resourceTypes(Path.of("config", "resource-types")).start();
    }

    static ReduceRowStore store(QvarnClient client) {
        return new ReduceRowStore(client, 10, new KeyRowsCache(100, 10), new KeyRowsCache(100, 10));
    }

    @BeforeEach
    void start() throws IOException {
        qvarn = qvarn();
        store = store(qvarn.client());
    }

    @AfterEach
    void close() {
        qvarn.close();
    }

    static ObjectNode reduceRow(QvarnClient client, String key, long timestamp, int value) {
        ObjectNode row = JsonNodeFactory.instance.objectNode().put(MrFields.KEY, key)
                .put(MrFields.TIMESTAMP, timestamp).put(MrFields.VALUE, value).put(MrFields.VERSION, 1);
        return client.create(TARGET, row);
    }

    private long requests() {
        return qvarn.server().stats().total();
    }

    @Test
    void shouldReadAKeysReduceRowsNewestFirstAndThenFromMemory() {
        reduceRow(qvarn.client(), "a", 1, 1);
        reduceRow(qvarn.client(), "a", 3, 3);
        reduceRow(qvarn.client(), "a", 2, 2);
        reduceRow(qvarn.client(), "b", 9, 9);

        List<ObjectNode> rows = store.reduceRows(TARGET, "a");
        long before = requests();
        List<ObjectNode> again = store.reduceRows(TARGET, "a");

        assertThat(rows).extracting(MrFields::timestamp).containsExactly(3L, 2L, 1L);
        assertThat(again).extracting(MrFields::timestamp).containsExactly(3L, 2L, 1L);
        assertThat(requests() - before).as("requests for rows already read").isZero();
    }

    @Test
    void shouldSearchAgainWhenAWritesOutcomeIsUnknown() {
        store.reduceRows(TARGET, "a");
        reduceRow(qvarn.client(), "a", 5, 5); // as if a write whose reply was lost had stored it

        store.reduceRowsUnknown(TARGET, "a");

        assertThat(store.reduceRows(TARGET, "a")).extracting(MrFields::timestamp).containsExactly(5L);
    }

    @Test
    void shouldReadWhatQvarnHoldsAfterForgetting() {
        store.reduceRows(TARGET, "a");
        store.reduceRowsAre(TARGET, "a", List.of());
        reduceRow(qvarn.client(), "a", 7, 7); // written behind the worker's back

        assertThat(store.reduceRows(TARGET, "a")).as("remembered").isEmpty();
        store.forget();
        assertThat(store.reduceRows(TARGET, "a")).extracting(MrFields::timestamp).containsExactly(7L);
    }
}
