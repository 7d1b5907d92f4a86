package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.binding.SourceLocation;
import org.qvarnmr.camel.handler.KeyValue;

class MapRowPlannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HandlerBinding BINDING = new HandlerBinding("counts__map", "reports", HandlerKind.MAP, 2,
            false, "item(key=org)", (r, c) -> List.of(), null, null, new SourceLocation("h.yaml", 1));

    private static ObjectNode row(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static KeyValue pair(String key, JsonNode value) {
        return new KeyValue(TextNode.valueOf(key), value);
    }

    /** A row as Qvarn returns it: every prototype field present, unset ones null. */
    private static ObjectNode stored(String id, String key, int version, boolean deleted) throws Exception {
        return row("{\"id\":\"" + id + "\",\"type\":\"counts__map\",\"revision\":\"r1\",\"_mr_key\":\"" + key
                + "\",\"_mr_value\":null,\"_mr_source_id\":\"s1\",\"_mr_source_type\":\"reports\",\"_mr_version\":"
                + version + ",\"_mr_deleted\":" + deleted + "}");
    }

    @Test
    void shouldCreateOneRowPerPairWhenNothingExists() {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(),
                List.of(pair("A", NullNode.getInstance()), pair("B", IntNode.valueOf(3))), true);

        assertThat(plan.creates()).hasSize(2);
        assertThat(plan.creates().get(1).get("_mr_value").asInt()).isEqualTo(3);
        assertThat(plan.creates().get(0).get("_mr_source_type").asText()).isEqualTo("reports");
        assertThat(plan.creates().get(0).get("_mr_version").asInt()).isEqualTo(2);
        assertThat(plan.creates().get(0).get("_mr_deleted").asBoolean()).isFalse();
        assertThat(plan.touchedKeys()).containsExactly("A", "B");
    }

    @Test
    void shouldWriteNothingWhenTheRowAlreadySaysTheSame() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(stored("m1", "A", 2, false)),
                List.of(pair("A", NullNode.getInstance())), true);

        assertThat(plan.writes()).isZero();
        assertThat(plan.touchedKeys()).containsExactly("A");
    }

    @Test
    void shouldUpdateInPlaceWhenOnlyTheVersionChanged() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(stored("m1", "A", 1, false)),
                List.of(pair("A", NullNode.getInstance())), true);

        assertThat(plan.updates()).singleElement().satisfies(u -> {
            assertThat(u.get("id").asText()).isEqualTo("m1");
            assertThat(u.get("revision").asText()).isEqualTo("r1");
            assertThat(u.get("_mr_version").asInt()).isEqualTo(2);
        });
        assertThat(plan.creates()).isEmpty();
    }

    @Test
    void shouldDeferAMoveInPlaceAndTouchBothKeysWhenTheKeyMoves() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(stored("m1", "A", 2, false)),
                List.of(pair("B", IntNode.valueOf(7))), true);

        assertThat(plan.creates()).isEmpty();
        assertThat(plan.writes()).isEqualTo(1);
        assertThat(plan.deferred()).singleElement().satisfies(m -> {
            assertThat(m.target()).isEqualTo("counts__map");
            assertThat(m.id()).isEqualTo("m1");
            assertThat(m.oldKey()).isEqualTo("A");
            assertThat(m.to().get("id").asText()).isEqualTo("m1");
            assertThat(m.to().get("revision").asText()).isEqualTo("r1");
            assertThat(m.to().get("_mr_key").asText()).isEqualTo("B");
            assertThat(m.to().get("_mr_value").asInt()).isEqualTo(7);
        });
        assertThat(plan.touchedKeys()).containsExactlyInAnyOrder("A", "B");
        assertThat(plan.anchorKeys()).as("the moved row is not yet under B, and leaves A").isEmpty();
    }

    @Test
    void shouldDeferARemovalWhenTheSourceEmitsNothing() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(stored("m1", "A", 2, false)), List.of(), true);

        assertThat(plan.deferred()).singleElement().satisfies(m -> {
            assertThat(m.removal()).isTrue();
            assertThat(m.id()).isEqualTo("m1");
        });
        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.touchedKeys()).containsExactly("A");
        assertThat(plan.anchorKeys()).isEmpty();
    }

    @Test
    void shouldAnchorTheKeysOfRowsKeptCreatedAndUpdatedButNotOfRowsLeavingOrMarked() throws Exception {
        List<ObjectNode> rows = List.of(stored("m1", "KEPT", 2, false), stored("m2", "UPD", 1, false),
                stored("m3", "OLD", 2, true), stored("m4", "GONE", 2, false));

        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", rows,
                List.of(pair("KEPT", null), pair("UPD", null), pair("NEW", null), pair("NEW2", null)), true);

        assertThat(plan.updates()).singleElement().satisfies(u -> assertThat(u.get("id").asText()).isEqualTo("m2"));
        assertThat(plan.deferred()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("m4");
            assertThat(m.to().get("_mr_key").asText()).isEqualTo("NEW");
        });
        assertThat(plan.creates()).singleElement()
                .satisfies(c -> assertThat(c.get("_mr_key").asText()).isEqualTo("NEW2"));
        assertThat(plan.anchorKeys()).containsExactlyInAnyOrder("KEPT", "UPD", "NEW2");
        assertThat(plan.touchedKeys()).containsExactlyInAnyOrder("KEPT", "UPD", "NEW", "NEW2", "OLD", "GONE");
    }

    @Test
    void shouldCreateTheSecondOfTwoEqualPairsWhenOnlyOneRowCanMove() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(stored("m1", "A", 2, false)),
                List.of(pair("B", null), pair("B", null)), true);

        assertThat(plan.deferred()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("m1"));
        assertThat(plan.creates()).singleElement()
                .satisfies(c -> assertThat(c.get("_mr_key").asText()).isEqualTo("B"));
    }

    @Test
    void shouldMoveInPlaceAtOnceWhenNoReduceReadsTheTarget() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1",
                List.of(stored("m1", "A", 2, false), stored("m2", "B", 2, false)), List.of(pair("C", null)), false);

        assertThat(plan.moves()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("m1");
            assertThat(m.to().get("_mr_key").asText()).isEqualTo("C");
        });
        assertThat(plan.deletes()).containsExactly("m2");
        assertThat(plan.creates()).isEmpty();
        assertThat(plan.deferred()).isEmpty();
        assertThat(plan.touchedKeys()).isEmpty();
    }

    @Test
    void shouldKeepTouchingTheKeyOfARowMarkedByAnEarlierRunThatCrashed() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(stored("m1", "A", 2, true)), List.of(), true);

        assertThat(plan.writes()).isZero();
        assertThat(plan.touchedKeys()).containsExactly("A");
        assertThat(plan.anchorKeys()).isEmpty();
    }

    @Test
    void shouldStoreADictValueAsFieldsWithANullValue() throws Exception {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(),
                List.of(pair("A", row("{\"org_id\":\"o1\"}"))), true);

        ObjectNode created = plan.creates().get(0);
        assertThat(created.get("org_id").asText()).isEqualTo("o1");
        assertThat(created.get("_mr_value").isNull()).isTrue();
    }

    @Test
    void shouldSkipNullAndEmptyKeysAndStoreNumbersAsText() {
        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(),
                List.of(new KeyValue(NullNode.getInstance(), null), pair("", null),
                        new KeyValue(IntNode.valueOf(10), null)), true);

        assertThat(plan.creates()).singleElement()
                .satisfies(c -> assertThat(c.get("_mr_key").asText()).isEqualTo("10"));
    }

    @Test
    void shouldRefuseAKeyThatIsNotAScalar() throws Exception {
        KeyValue bad = new KeyValue(row("{\"a\":1}"), null);

        assertThatThrownBy(() -> MapRowPlanner.plan(BINDING, "s1", List.of(), List.of(bad), true))
                .isInstanceOf(HandlerException.class)
                .hasMessageContaining("counts__map").hasMessageContaining("reports").hasMessageContaining("s1")
                .hasMessageContaining("not a scalar");
    }

    @Test
    void shouldTreatSqliteStyleBooleansAsEqual() throws Exception {
        ObjectNode sqlite = stored("m1", "A", 2, false);
        sqlite.put("_mr_deleted", 0);

        MapRowPlan plan = MapRowPlanner.plan(BINDING, "s1", List.of(sqlite), List.of(pair("A", null)), true);

        assertThat(plan.writes()).isZero();
    }
}
