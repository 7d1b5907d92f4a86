package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.binding.SourceLocation;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;

/** The failure rules of the callers without notifications: resync, reconciliation, replay. */
class WalkSettlerTest {
    private static final HandlerBinding MAP = new HandlerBinding("counts__map", "reports", HandlerKind.MAP, 2,
            false, "item(key=org)", (r, c) -> List.of(), null, null, new SourceLocation("h.yaml", 3));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Change BAD = Change.resync("reports", "bad");
    private static final Change UNLUCKY = Change.resync("reports", "unlucky");
    private static final KeyRef KEY = new KeyRef("counts__map", "a");

    /** One source its handler can never map, one that met an outage, one key whose reduce failed. */
    private static Pass failures() {
        return Pass.of(new Batch(List.of(BAD, UNLUCKY), false))
                .mapFailed(BAD, new HandlerException("h.yaml:3: map handler failed on resource bad: boom"))
                .mapFailed(UNLUCKY, new QvarnUnavailableException(503, "GET", "/reports/unlucky", null, "down", null))
                .reduceFailed(KEY, new IllegalStateException("reduce boom"));
    }

    @Test
    void shouldDeadLetterOnlyWhatTheHandlerCanNeverMapInAResyncAndCountTheOthers() {
        Settlement s = WalkSettler.resync(MAP, CLOCK).settle(failures());

        assertThat(s.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.resourceId()).isEqualTo("bad");
            assertThat(letter.error()).isEqualTo("resync of counts__map <- reports (version 2): h.yaml:3: map handler "
                    + "failed on resource bad: boom");
        });
        assertThat(s.summary().failed()).as("the outage and the key").isEqualTo(2);
        assertThat(s.acknowledge()).isEmpty();
    }

    @Test
    void shouldOnlyCountInAReconciliationAndInAReplay() {
        for (ApplyMode mode : List.of(WalkSettler.reconcile(MAP), WalkSettler.REPLAY)) {
            Settlement s = mode.settle(failures());

            assertThat(s.deadLetters()).isEmpty();
            assertThat(s.summary().failed()).isEqualTo(3);
        }
    }

    @Test
    void shouldEndTheWalkWhenTheWorkerLostItsOwnership() {
        Pass lost = Pass.of(new Batch(List.of(BAD), false)).mapFailed(BAD, new OwnershipLostException("other/1"));

        for (ApplyMode mode : List.of(WalkSettler.resync(MAP, CLOCK), WalkSettler.reconcile(MAP), WalkSettler.REPLAY)) {
            assertThatThrownBy(() -> mode.settle(lost)).isInstanceOf(OwnershipLostException.class);
        }
    }
}
