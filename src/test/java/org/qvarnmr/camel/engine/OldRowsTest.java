package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.qvarn.server.RequestStats;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** {@link OldRows}: a target is listed only when that beats searching, and each source's rows go out once. */
class OldRowsTest {
    private static final int PAGE = 10;
    private static final HandlerBindings BINDINGS = new BindingsLoader(HandlerResolver.NONE).parse("""
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            """, "counts.yaml");
    private static final HandlerBinding MAP = BINDINGS.mapHandlersOf("reports").get(0);

    private QvarnMrHarness qvarn;
    private OldRows oldRows;

    @BeforeEach
    void start() throws IOException {
        qvarn = TestQvarn.start();
        oldRows = new OldRows(qvarn.client(), BINDINGS, PAGE);
    }

    @AfterEach
    void close() {
        qvarn.close();
    }

    /** {@code n} map rows, one per source {@code r0..}; returns the updates of those sources as changes. */
    private List<Change> rowsAndUpdates(int n) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            row.put(MrFields.SOURCE_TYPE, "reports").put(MrFields.SOURCE_ID, "r" + i).put(MrFields.KEY, "org" + i % 3)
                    .put(MrFields.VERSION, 1);
            qvarn.client().create("reports_counts__map", row);
            changes.add(new Change("reports", "r" + i, ChangeKind.UPSERT, List.of(), false));
        }
        return changes;
    }

    private long searches() {
        return qvarn.server().stats().count("GET", "/reports_counts__map/search");
    }

    @Test
    void shouldListATargetWhenItsChangedSourcesAreWorthTheSearchesOfItsPages() {
        List<Change> changes = rowsAndUpdates(25);
        qvarn.server().stats().reset();

        oldRows.prefetch(changes.subList(0, 20)); // 20 sources: worth one page of searches; 25 rows need 3 pages
        assertThat(searches()).as("stopped after one page").isEqualTo(1);
        assertThat(oldRows.take(MAP, "r0")).as("not listed: search").isNull();

        qvarn.server().stats().reset();
        oldRows.prefetch(changes.subList(0, 20));
        assertThat(searches()).as("the target is known to hold more than a page: not listed again").isZero();

        List<Change> many = new ArrayList<>(changes);
        for (int i = 25; i < 60; i++) {
            many.add(new Change("reports", "r" + i, ChangeKind.UPSERT, List.of(), false)); // sources with no rows
        }
        oldRows.prefetch(many); // 60 sources: worth 3 pages, which hold all 25 rows
        assertThat(searches()).isEqualTo(3);
        assertThat(oldRows.take(MAP, "r7")).singleElement()
                .satisfies(row -> assertThat(MrFields.text(row, MrFields.KEY)).isEqualTo("org1"));
        assertThat(oldRows.take(MAP, "r7")).as("handed out once").isNull();
        assertThat(oldRows.take(MAP, "r40")).as("a changed source with no row has none").isEmpty();
        oldRows.drop("reports_counts__map", "reports", "r8");
        assertThat(oldRows.take(MAP, "r8")).as("written meanwhile: search").isNull();
    }

    @Test
    void shouldNeitherListForCreatedSourcesNorForAFewChanges() {
        List<Change> changes = rowsAndUpdates(5);
        List<Change> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            created.add(new Change("reports", "new" + i, ChangeKind.UPSERT, List.of(), false, true));
        }
        RequestStats stats = qvarn.server().stats();
        stats.reset();

        oldRows.prefetch(changes);
        oldRows.prefetch(created);

        assertThat(searches()).isZero();
        assertThat(oldRows.take(MAP, "r1")).isNull();
    }
}
