package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What a resync's listing of a reduce target may answer for, and when it must stay silent. */
class ReduceRowsListingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode row(String id, String key, long timestamp) {
        return JSON.createObjectNode().put("id", id).put(MrFields.KEY, key).put(MrFields.TIMESTAMP, timestamp);
    }

    @Test
    void shouldAnswerEveryRowOfAKeyNewestFirstAndNoneForAKeyItDidNotList() {
        ReduceRowsListing listing = new ReduceRowsListing(10);
        listing.add(row("r1", "a", 1));
        listing.add(row("r2", "a", 3));
        listing.add(row("r3", "b", 2));

        assertThat(listing.rowsOf("a")).as("before the last page").isNull();
        listing.complete();

        assertThat(listing.rowsOf("a")).extracting(r -> r.get("id").asText()).containsExactly("r2", "r1");
        assertThat(listing.rowsOf("c")).isEmpty();
    }

    @Test
    void shouldNeverAnswerForAKeyWrittenAfterTheListingStarted() {
        ReduceRowsListing listing = new ReduceRowsListing(10);
        listing.written("a"); // a live write finished before the listing's page with the key was read
        listing.add(row("r1", "a", 1));
        listing.written("c"); // a new key created beside the listing
        listing.complete();

        assertThat(listing.rowsOf("a")).isNull();
        assertThat(listing.rowsOf("c")).isNull();
    }

    @Test
    void shouldDropTheListingOnceItHoldsMoreRowsThanAllowed() {
        ReduceRowsListing listing = new ReduceRowsListing(1);
        assertThat(listing.add(row("r1", "a", 1))).isTrue();
        assertThat(listing.add(row("r2", "b", 1))).isFalse();
        listing.complete();

        assertThat(listing.rowsOf("a")).isNull();
        assertThat(listing.rowsOf("c")).isNull();
    }

    @Test
    void shouldFallSilentWhenAbandoned() {
        ReduceRowsListing listing = new ReduceRowsListing(10);
        listing.add(row("r1", "a", 1));
        listing.complete();
        listing.abandon();

        assertThat(listing.rowsOf("a")).isNull();
    }
}
