package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The key cache keeps a search's rows only when no write to the key finished meanwhile, follows writes, and
 * takes a key for empty only once the whole type was listed.
 */
class KeyRowsCacheTest {
    private final KeyRowsCache cache = new KeyRowsCache(2, 3);

    @Test
    void shouldDropASearchResultThatAWriteOvertook() {
        long stamp = cache.stamp();
        cache.stored("t", "k", row("1"));
        cache.loaded("t", "k", List.of(), stamp);

        assertThat(cache.get("t", "k")).isNull();
    }

    @Test
    void shouldFollowWritesToAKnownKey() {
        cache.loaded("t", "k", List.of(row("1")), cache.stamp());
        cache.stored("t", "k", row("2"));
        cache.removed("t", "k", "1");

        assertThat(cache.get("t", "k")).extracting(r -> r.get("id").asText()).containsExactly("2");
    }

    @Test
    void shouldNotCountTwiceARowThatASearchSawWhileItsCreateWasInFlight() {
        cache.loaded("t", "k", List.of(row("1")), cache.stamp());
        cache.stored("t", "k", row("1"));

        assertThat(cache.get("t", "k")).extracting(r -> r.get("id").asText()).containsExactly("1");
    }

    @Test
    void shouldForgetAKeyWhoseWriteOutcomeIsUnknown() {
        cache.loaded("t", "k", List.of(), cache.stamp());
        cache.unknown("t", "k");

        assertThat(cache.get("t", "k")).isNull();
    }

    @Test
    void shouldRefuseASearchOlderThanAnEvictedWrite() {
        long stamp = cache.stamp();
        cache.stored("t", "k", row("1"));
        cache.stored("t", "x", row("2"));
        cache.stored("t", "y", row("3")); // evicts k and its write stamp
        cache.loaded("t", "k", List.of(), stamp);

        assertThat(cache.get("t", "k")).isNull();
    }

    @Test
    void shouldNotKeepKeysWithMoreRowsThanTheBound() {
        cache.loaded("t", "k", List.of(row("1"), row("2"), row("3"), row("4")), cache.stamp());

        assertThat(cache.get("t", "k")).isNull();
    }

    @Test
    void shouldNeverTakeAKeyNobodyReadForEmpty() {
        cache.loaded("t", "k", List.of(), cache.stamp());
        cache.stored("t", "new", row("1"));

        assertThat(cache.get("t", "other")).as("a key of a type never listed").isNull();
        assertThat(cache.get("t", "new")).as("a write alone does not say what else the key holds").isNull();
    }

    @Test
    void shouldLearnATypeThatFitsOnePageWithOneProbeAndThenAnswerEveryKey() {
        KeyRowsCache big = new KeyRowsCache(100, 3);
        List<Integer> asked = new ArrayList<>();

        List<ObjectNode> rows = big.getOrLearn("t", "a", max -> {
            asked.add(max);
            return Optional.of(List.of(row("1", "a"), row("2", "b")));
        });

        assertThat(asked).as("the probe: one page (3 rows) would not fit").containsExactly(2);
        assertThat(rows).extracting(r -> r.get("id").asText()).containsExactly("1");
        assertThat(big.get("t", "c")).as("a key the listing did not have").isEmpty();
        big.stored("t", "c", row("3", "c"));
        assertThat(big.get("t", "c")).as("a new key of a learned type follows writes").hasSize(1);
        assertThat(big.all("t")).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void shouldListALargerTypeOnlyOnceAsManyKeysWereSearchedAsTheListingTakesPages() {
        KeyRowsCache big = new KeyRowsCache(6, 3); // a listing takes at most 6 / 3 + 1 = 3 pages
        List<Integer> asked = new ArrayList<>();
        IntFunction<Optional<List<ObjectNode>>> lister = max -> {
            asked.add(max);
            return max < 6 ? Optional.empty() : Optional.of(List.of(row("1", "a"), row("2", "a"), row("3", "b"),
                    row("4", "c")));
        };

        for (String key : List.of("p", "x", "y", "z")) {
            assertThat(big.getOrLearn("t", key, lister)).as("searched: " + key).isNull();
        }
        assertThat(asked).as("the probe only").containsExactly(2);
        assertThat(big.getOrLearn("t", "a", lister)).hasSize(2);
        assertThat(asked).as("then the whole type").containsExactly(2, 6);
        assertThat(big.get("t", "q")).isEmpty();
    }

    @Test
    void shouldGiveUpOnATypeThatDoesNotFitAndSearchItsKeys() {
        List<Integer> asked = new ArrayList<>();

        assertThat(cache.learnNow("t", max -> {
            asked.add(max);
            return Optional.empty();
        })).isFalse();
        assertThat(cache.learnNow("t", max -> {
            asked.add(max);
            return Optional.empty();
        })).isFalse();

        assertThat(asked).as("listed once").containsExactly(2);
        assertThat(cache.get("t", "k")).isNull();
    }

    @Test
    void shouldKeepWhatAWriteDuringTheListingMade() {
        KeyRowsCache big = new KeyRowsCache(100, 10);
        big.loaded("t", "gone", List.of(row("9", "gone")), big.stamp());

        big.learnNow("t", max -> {
            big.stored("t", "a", row("5", "a")); // a write that finished while the pages were read
            return Optional.of(List.of(row("1", "a")));
        });

        assertThat(big.get("t", "a")).as("the write is newer than the listing").isNull();
        assertThat(big.get("t", "gone")).as("a remembered key the listing did not find").isEmpty();
    }

    @Test
    void shouldForgetALearnedTypeWhenOneOfItsKeysIsEvicted() {
        cache.learnNow("t", max -> Optional.of(List.of(row("1", "a"))));
        cache.stored("u", "x", row("2"));
        cache.stored("u", "y", row("3")); // evicts t/a

        assertThat(cache.get("t", "a")).isNull();
        assertThat(cache.get("t", "b")).isNull();
    }

    private static ObjectNode row(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    private static ObjectNode row(String id, String key) {
        return row(id).put(MrFields.KEY, key);
    }
}
