package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key cache keeps a search's rows only when no write to the key finished meanwhile, and follows writes. */
class KeyRowsCacheTest {
    private final KeyRowsCache cache = new KeyRowsCache(2, 3);

    @Test
    void shouldDropASearchResultThatAWriteOvertook() {
        long stamp = cache.stamp();
        cache.stored("t", "k", row("1"));
        cache.loaded("t", "k", List.of(), stamp);

        assertThat(cache.get("t", "k")).isNull();
        assertThat(cache.takeNoReduceRow("t", "k")).isFalse();
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
        assertThat(cache.takeNoReduceRow("t", "k")).isFalse();
    }

    @Test
    void shouldTellOnceThatAnEmptyKeyHasNoReduceRow() {
        cache.loaded("t", "k", List.of(), cache.stamp());

        assertThat(cache.takeNoReduceRow("t", "k")).isTrue();
        assertThat(cache.takeNoReduceRow("t", "k")).isFalse();
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

    private static ObjectNode row(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }
}
