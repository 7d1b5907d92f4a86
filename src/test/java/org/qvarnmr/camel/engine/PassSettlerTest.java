package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.RetryPolicy;
import org.qvarnmr.camel.qvarn.client.support.MutableClock;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.qvarn.client.QvarnServerException;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;

/** The engine's settlement of a pass: what is acknowledged, retried, dead-lettered, and the summary. */
class PassSettlerTest {
    private static final RetryPolicy RETRY = new RetryPolicy(2, 3, Duration.ofSeconds(1), 2, Duration.ofSeconds(4));
    private static final KeyRef KEY_A = new KeyRef("reports_counts__map", "a");
    private static final KeyRef KEY_B = new KeyRef("reports_counts__map", "b");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FailureTracker failures = new FailureTracker(RETRY, clock);
    private final PassSettler settler = new PassSettler(failures, RETRY, Duration.ofSeconds(60), clock);

    private static Change change(String id) {
        return new Change("reports", id, ChangeKind.UPSERT, List.of(new NotificationRef("reports", "l1", "n-" + id)),
                false);
    }

    private static Batch batch(Change... changes) {
        return new Batch(List.of(changes), false);
    }

    /** The outcome of a pass's reduces. */
    private record Reduce(Map<KeyRef, ReduceOutcome> outcomes, Map<KeyRef, Exception> failures) {
        static final Reduce EMPTY = new Reduce(Map.of(), Map.of());

        Reduce withDone(KeyRef key) {
            Map<KeyRef, ReduceOutcome> o = new HashMap<>(outcomes);
            o.put(key, ReduceOutcome.DONE);
            return new Reduce(o, failures);
        }

        Reduce withPostponed(KeyRef key) {
            Map<KeyRef, ReduceOutcome> o = new HashMap<>(outcomes);
            o.put(key, ReduceOutcome.POSTPONED);
            return new Reduce(o, failures);
        }

        Reduce withFailure(KeyRef key, Exception error) {
            Map<KeyRef, Exception> f = new HashMap<>(failures);
            f.put(key, error);
            return new Reduce(outcomes, f);
        }
    }

    private Settlement settle(Batch batch, Pass map, Reduce reduce) {
        return settler.settle(new Pass(batch, map.done(), List.of(), List.of(), map.failed(), List.of(),
                reduce.outcomes(), reduce.failures(), List.of()));
    }

    @Test
    void shouldAcknowledgeAChangeWhoseWritesAndReducesAllSucceeded() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapped(new MapResult(c, Set.of(KEY_A)));

        Settlement s = settle(batch(c), map, Reduce.EMPTY.withDone(KEY_A));

        assertThat(s.acknowledge()).containsExactly(c);
        assertThat(s.deadLetters()).isEmpty();
        assertThat(s.summary()).isEqualTo(new PassSummary(1, 1, 0, 0, 1, false));
    }

    @Test
    void shouldKeepAChangeWhoseKeyFailedForARetryAndAcknowledgeTheOthers() {
        Change bad = change("r1");
        Change good = change("r2");
        Pass map = Pass.EMPTY.mapped(new MapResult(bad, Set.of(KEY_A))).mapped(new MapResult(good, Set.of(KEY_B)));
        Reduce reduce = Reduce.EMPTY.withFailure(KEY_A, new IllegalStateException("boom")).withDone(KEY_B);

        Settlement s = settle(batch(bad, good), map, reduce);

        assertThat(s.acknowledge()).containsExactly(good);
        assertThat(s.summary()).isEqualTo(new PassSummary(2, 1, 1, 0, 1, false));
        assertThat(failures.failedAttempts(bad)).isEqualTo(1);
        assertThat(failures.isBackingOff("n-r1")).isTrue();
    }

    @Test
    void shouldDeadLetterAChangeAfterItsLastAttemptAndThenAcknowledgeIt() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new IllegalStateException("handler says no"));

        Settlement first = settle(batch(c), map, Reduce.EMPTY);
        Settlement second = settle(batch(c), map, Reduce.EMPTY);

        assertThat(first.deadLetters()).isEmpty();
        assertThat(first.acknowledge()).isEmpty();
        assertThat(second.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.resourceId()).isEqualTo("r1");
            assertThat(letter.attempts()).isEqualTo(2);
            assertThat(letter.error()).isEqualTo("handler says no");
            assertThat(letter.at()).isEqualTo(clock.instant().toString());
        });
        assertThat(second.acknowledge()).containsExactly(c);
        assertThat(second.summary()).isEqualTo(new PassSummary(1, 0, 0, 1, 0, false));
    }

    @Test
    void shouldNotUseUpAttemptsWhenQvarnWasUnreachable() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new RuntimeException("join failed",
                new QvarnUnavailableException(503, "GET", "/orgs/x", null, "503 Service Unavailable", null)));

        for (int i = 0; i < 5; i++) {
            Settlement s = settle(batch(c), map, Reduce.EMPTY);
            assertThat(s.deadLetters()).isEmpty();
            assertThat(s.summary().failed()).isEqualTo(1);
        }
        assertThat(failures.failedAttempts(c)).isZero();
    }

    /**
     * A pass is settled only when Qvarn answered its poll: a change that keeps meeting "unavailable" then is
     * refused while Qvarn answers the rest. It is kept while within the window (here 60 s) however many
     * tries it had, and dead-lettered at the first try that has both its attempts (2) and the window.
     */
    @Test
    void shouldDeadLetterAChangeQvarnKeepsAnsweringUnavailableOnceItsTriesAndTheWindowAreSpent() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new QvarnServerException(500, "POST", "/reports_counts__map", null,
                "POST /reports_counts__map: 500", null));

        for (int i = 0; i < 4; i++) {
            assertThat(settle(batch(c), map, Reduce.EMPTY).deadLetters()).as("try " + (i + 1)).isEmpty();
            clock.advance(Duration.ofSeconds(19));
        }
        clock.advance(Duration.ofSeconds(3)); // 79 s
        Settlement last = settle(batch(c), map, Reduce.EMPTY);

        assertThat(last.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(5);
            assertThat(letter.error()).isEqualTo("POST /reports_counts__map: 500; Qvarn kept refusing this change for "
                    + "79 s over 5 tries while it answered the worker's other requests");
        });
        assertThat(last.acknowledge()).containsExactly(c);
    }

    @Test
    void shouldKeepAChangeThatMetOneOutageLongAgoUntilItFailedItsTries() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new QvarnUnavailableException(503, "POST", "/reports_counts__map",
                null, "POST /reports_counts__map: 503", null));

        assertThat(settle(batch(c), map, Reduce.EMPTY).deadLetters()).isEmpty();
        clock.advance(Duration.ofMinutes(10)); // Qvarn down for everything: no pass reached the settlement

        assertThat(settle(batch(c), map, Reduce.EMPTY).deadLetters()).as("2 tries: spent").hasSize(1);
    }

    @Test
    void shouldDeadLetterAWriteQvarnRefusesWith400AtOnce() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new QvarnBadRequestException(400, "POST", "/reports_counts__map",
                null, "POST /reports_counts__map: 400 WrongTypeValue", null));

        Settlement s = settle(batch(c), map, Reduce.EMPTY);

        assertThat(s.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(1);
            assertThat(letter.error()).contains("(POST /reports_counts__map: 400 WrongTypeValue)", "not retried");
        });
    }

    @Test
    void shouldEndThePassWhenQvarnRefusesTheWorkersScopes() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new QvarnForbiddenException(403, "POST", "/reports_counts__map",
                null, "POST /reports_counts__map: 403", null));

        assertThatThrownBy(() -> settle(batch(c), map, Reduce.EMPTY)).isInstanceOf(QvarnForbiddenException.class);
        assertThat(failures.failedAttempts(c)).isZero();
    }

    @Test
    void shouldCountAPostponedChangeThatRanOutOfAttemptsAsAcknowledgedOnly() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapped(new MapResult(c, Set.of(KEY_A)));
        Reduce postponed = Reduce.EMPTY.withPostponed(KEY_A);

        Settlement waiting = settle(batch(c), map, postponed);
        Settlement last = settle(batch(c), map, postponed);

        assertThat(waiting.acknowledge()).isEmpty();
        assertThat(waiting.summary()).isEqualTo(new PassSummary(1, 0, 1, 0, 0, false));
        assertThat(last.acknowledge()).containsExactly(c);
        assertThat(last.summary()).as("acknowledged, and not also counted as failed")
                .isEqualTo(new PassSummary(1, 1, 0, 0, 0, false));
    }

    @Test
    void shouldStopTheSettlementWhenAnotherWorkerTookOver() {
        Change c = change("r1");
        Pass map = Pass.EMPTY.mapFailed(c, new OwnershipLostException("taken over by other/1"));

        assertThatThrownBy(() -> settle(batch(c), map, Reduce.EMPTY)).isInstanceOf(OwnershipLostException.class);
    }

    @Test
    void shouldReduceEachTouchedKeyOnceHoweverManyChangesTouchedIt() {
        Pass map = Pass.EMPTY.mapped(new MapResult(change("r1"), Set.of(KEY_A)))
                .mapped(new MapResult(change("r2"), Set.of(KEY_A, KEY_B)));

        assertThat(map.startReduce().keys()).containsExactlyInAnyOrder(KEY_A, KEY_B);
    }
}
