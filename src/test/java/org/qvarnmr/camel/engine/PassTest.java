package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state of one pass and its transitions: the wave rule of rows leaving their key, and which part failed. */
class PassTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAP = "counts__map";
    private static final KeyRef K1 = new KeyRef(MAP, "k1");
    private static final KeyRef K2 = new KeyRef(MAP, "k2");
    private static final KeyRef K9 = new KeyRef(MAP, "k9");

    private static Change change(String id) {
        return new Change("reports", id, ChangeKind.UPSERT, List.of(), false);
    }

    /** A mapped change whose row leaves {@code from} for {@code to}; it touches both keys. */
    private static MapResult moving(String id, KeyRef from, KeyRef to) {
        ObjectNode old = JSON.createObjectNode().put("id", "row-" + id).put(MrFields.KEY, from.key());
        ObjectNode now = old.deepCopy().put(MrFields.KEY, to.key());
        return new MapResult(change(id), Set.of(from, to), 1, List.of(new RowMove(MAP, old, now)), Set.of());
    }

    /** A mapped change with a durable row under {@code key}. */
    private static MapResult holding(String id, KeyRef key) {
        return new MapResult(change(id), Set.of(key), 1, List.of(), Set.of(key));
    }

    private static Pass pass(MapResult... results) {
        Pass pass = Pass.of(new Batch(java.util.Arrays.stream(results).map(MapResult::change).toList(), false));
        for (MapResult r : results) {
            pass = pass.mapped(r);
        }
        return pass;
    }

    @Test
    void shouldWriteFirstTheChangesWhoseOldKeysAreAnchoredThenTheRestInTheNextWave() {
        MapResult anchored = moving("a", K1, K2);
        MapResult unanchored = moving("b", K9, K2);
        Pass pass = pass(holding("h", K1), anchored, unanchored);
        assertThat(pass.done()).extracting(MapResult::change).containsExactly(change("h"));
        assertThat(pass.pending()).containsExactly(anchored, unanchored);

        Pass first = pass.startWave();

        assertThat(first.wave()).containsExactly(anchored);
        assertThat(first.waveMoves()).singleElement().satisfies(m -> assertThat(m.anchors()).containsExactly(K1));
        assertThat(first.pending()).containsExactly(unanchored);

        Pass second = first.moved(anchored).startWave();

        assertThat(second.wave()).as("none anchored: all the rest at once (create and mark)").containsExactly(unanchored);
        assertThat(second.hasPending()).isFalse();
    }

    @Test
    void shouldRecordTheChangeOfAFailedPartByItsIndexInTheBatchAndInTheWave() {
        MapResult a = moving("a", K1, K2);
        MapResult b = moving("b", K9, K2);
        Pass pass = Pass.of(new Batch(List.of(change("x"), change("y")), false)).mapFailed(1, new IllegalStateException("y"))
                .mapped(a).mapped(b).startWave();

        Pass failed = pass.moveFailed(1, new IllegalStateException("b"));

        assertThat(failed.failed()).containsOnlyKeys(change("y"), change("b"));
        assertThat(failed.startReduce().keys()).as("a failed change touches no key").isEmpty();
    }

    @Test
    void shouldReduceEachKeyTouchedByTheDoneChangesOnceAndCountTheReducedOnes() {
        Pass pass = pass(holding("a", K1), new MapResult(change("b"), Set.of(K1, K2), 2)).startReduce();

        assertThat(pass.keys()).containsExactly(K1, K2);

        Pass reduced = pass.reduced(K1, ReduceOutcome.DONE).reduced(K2, ReduceOutcome.POSTPONED);
        assertThat(reduced.reducedKeys()).isEqualTo(1);
        assertThat(reduced.writes()).as("3 map rows and 1 reduce row").isEqualTo(4);
    }
}
