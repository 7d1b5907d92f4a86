package org.qvarnmr.camel.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.binding.SourceLocation;
import org.qvarnmr.camel.handler.KeyValue;

/** Each stored map row is named the way the map step would write it: nothing, or one kind of drift. */
class MapRowsCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HandlerBinding BINDING = new HandlerBinding("counts__map", "reports", HandlerKind.MAP, 2,
            false, "item(key=org)", (r, c) -> List.of(), null, null, new SourceLocation("h.yaml", 1));
    private static final List<KeyValue> EMITS_A = List.of(new KeyValue(TextNode.valueOf("A"), NullNode.getInstance()));

    /** A row as Qvarn returns it: every prototype field present. */
    private static ObjectNode stored(String id, String key, Object value, int version, boolean deleted) throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"" + id + "\",\"type\":\"counts__map\",\"revision\":\"r1\","
                + "\"_mr_key\":" + (key == null ? "null" : "\"" + key + "\"") + ",\"_mr_value\":"
                + (value == null ? "null" : "\"" + value + "\"") + ",\"_mr_source_id\":\"s1\","
                + "\"_mr_source_type\":\"reports\",\"_mr_version\":" + version + ",\"_mr_deleted\":" + deleted + "}");
    }

    private static List<Drift> kinds(boolean exists, List<ObjectNode> rows, List<KeyValue> pairs) {
        return MapRowsCheck.compare(BINDING, "s1", exists, rows, pairs).stream().map(DriftRow::kind).toList();
    }

    @Test
    void shouldFindNothingInARowThatSaysWhatTheHandlerEmits() throws Exception {
        assertThat(kinds(true, List.of(stored("m1", "A", null, 2, false)), EMITS_A)).isEmpty();
    }

    @Test
    void shouldNameEachKindOfDrift() throws Exception {
        assertThat(kinds(true, List.of(), EMITS_A)).containsExactly(Drift.MISSING);
        assertThat(kinds(false, List.of(stored("m1", "A", null, 2, false)), List.of())).containsExactly(Drift.EXTRA);
        assertThat(kinds(true, List.of(stored("m1", "A", null, 2, false), stored("m2", "A", null, 2, false)), EMITS_A))
                .containsExactly(Drift.DUPLICATE);
        assertThat(kinds(true, List.of(stored("m1", "A", "x", 2, false)), EMITS_A)).containsExactly(Drift.WRONG);
        assertThat(kinds(true, List.of(stored("m1", "B", null, 2, false)), EMITS_A)).as("under another key")
                .containsExactly(Drift.WRONG);
        assertThat(kinds(true, List.of(stored("m1", "A", null, 1, false)), EMITS_A)).containsExactly(Drift.STALE);
        assertThat(kinds(true, List.of(stored("m1", "A", "x", 1, false)), EMITS_A)).as("another version and value")
                .containsExactly(Drift.WRONG);
        assertThat(kinds(true, List.of(stored("m1", "A", null, 2, false), stored("m2", "A", null, 2, true)), EMITS_A))
                .containsExactly(Drift.MARKED);
    }

    @Test
    void shouldCallARowWithoutAKeyExtraNotADuplicate() throws Exception {
        List<DriftRow> drift = MapRowsCheck.compare(BINDING, "s1", true,
                List.of(stored("m1", null, null, 2, false)), List.of(new KeyValue(NullNode.getInstance(), null)));

        assertThat(drift).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.EXTRA);
            assertThat(d.note()).startsWith("it has no _mr_key");
        });
    }

    @Test
    void shouldShowWhatIsExpectedAndWhatIsStored() throws Exception {
        DriftRow wrong = MapRowsCheck.compare(BINDING, "s1", true, List.of(stored("m1", "A", "x", 2, false)), EMITS_A)
                .get(0);

        assertThat(wrong.id()).isEqualTo("m1");
        assertThat(wrong.source()).isEqualTo("reports/s1");
        assertThat(wrong.expected().has("id")).as("the expected row has no identity").isFalse();
        assertThat(wrong.expected().get("_mr_value").isNull()).isTrue();
        assertThat(wrong.found().get("_mr_value").asText()).isEqualTo("x");
    }
}
