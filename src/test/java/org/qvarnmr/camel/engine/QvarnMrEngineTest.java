package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LRUCacheFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.support.MutableClock;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.Listeners;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/** The engine on its own, without Camel, against the embedded Qvarn in this JVM. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class QvarnMrEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNTS = Bindings.COUNT_BINDINGS;

    private QvarnMrHarness qvarn;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private HandlerBindings bindings() {
        return new BindingsLoader(CamelHandlerResolver.of(new DefaultCamelContext())).parse(COUNTS, "counts.yaml");
    }

    private QvarnMrEngine engine(String signature, String... settings) {
        HandlerBindings bindings = bindings();
        WorkerSettings ws = qvarn.settings(bindings, settings);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        QvarnMrEngine engine = new QvarnMrEngine(qvarn.client(), bindings, ws, signature, clock, pool,
                LRUCacheFactory::newLRUCache);
        toClose.add(engine);
        toClose.add(pool::shutdownNow);
        return engine;
    }

    private QvarnMrEngine started(String... settings) {
        QvarnMrEngine engine = engine("test/1", settings);
        engine.start();
        while (engine.resyncStep()) {
            // nothing to resync on an empty Qvarn, but the walk must be finished before live changes
        }
        return engine;
    }

    private String report(String org) throws Exception {
        return qvarn.create("reports", "{\"org\": \"" + org + "\"}");
    }

    @Test
    void shouldCoalesceTheNotificationsOfOneResourceIntoOneChange() throws Exception {
        QvarnMrEngine engine = started();
        String id = report("a");
        qvarn.update("reports", id, "{\"org\": \"b\"}");
        qvarn.update("reports", id, "{\"org\": \"c\"}");
        String other = report("a");

        Batch batch = engine.application().poll().batch();

        assertThat(batch.changes()).hasSize(2);
        Change coalesced = batch.changes().stream().filter(c -> c.resourceId().equals(id)).findFirst().orElseThrow();
        assertThat(coalesced.notifications()).hasSize(3);
        assertThat(coalesced.kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(batch.changes()).anySatisfy(c -> assertThat(c.resourceId()).isEqualTo(other));
    }

    /** A row of an older handler version under key a, from a source that is gone. */
    private void olderRowUnderA() throws Exception {
        ObjectNode older = (ObjectNode) JSON.readTree("{\"_mr_key\": \"a\", \"_mr_value\": \"1\", \"_mr_source_id\": \"x\","
                + " \"_mr_source_type\": \"reports\", \"_mr_version\": 0, \"_mr_deleted\": false}");
        qvarn.client().create("reports_counts__map", older);
    }

    @Test
    void shouldPostponeAKeyWithMapRowsOfAnotherVersionWhileTheResyncHasItsMapTargetToMap() throws Exception {
        QvarnMrEngine engine = engine("test/1");
        engine.start(); // no handler version recorded: the resync has every handler to walk, none walked yet
        olderRowUnderA();
        report("a");
        engine.application().apply(engine.application().poll(), c -> engine.application().map(c, false), false,
                WalkSettler.REPLAY);

        assertThat(engine.application().reduce(new KeyRef("reports_counts__map", "a"))).isEqualTo(ReduceOutcome.POSTPONED);
        assertThat(qvarn.derivedByKey("reports_counts")).doesNotContainKey("a");

        while (engine.resyncStep()) {
            // the map walk rewrites (here: removes) the older row, the reduce walk then reduces every key
        }
        assertThat(qvarn.derivedByKey("reports_counts").get("a").get("_mr_value").asInt()).isEqualTo(1);
    }

    @Test
    void shouldMapTheSourceOfARowOfAnotherVersionAgainWhenNoResyncIsDue() throws Exception {
        started().close(); // records every version: no resync is due from now on
        olderRowUnderA(); // before the next worker reads the key
        QvarnMrEngine engine = started();
        report("a");
        engine.application().apply(engine.application().poll(), c -> engine.application().map(c, false), false,
                WalkSettler.REPLAY);

        assertThat(engine.application().reduce(new KeyRef("reports_counts__map", "a"))).isEqualTo(ReduceOutcome.DONE);

        assertThat(qvarn.derivedByKey("reports_counts").get("a").get("_mr_value").asInt()).isEqualTo(1);
        assertThat(qvarn.derived("reports_counts__map")).as("the gone source's row is removed")
                .noneMatch(r -> "x".equals(MrFields.text(r, "_mr_source_id")));
    }

    @Test
    void shouldRefuseToStartWhileAnotherLiveWorkerOwnsTheInstance() {
        started();
        QvarnMrEngine second = engine("test/2");

        assertThatThrownBy(second::start).isInstanceOf(OwnedElsewhereException.class).hasMessageContaining("test/1");
    }

    @Test
    void shouldWriteNothingMoreOnceAnotherWorkerTookOver() throws Exception {
        QvarnMrEngine engine = started("qvarnmr.keep-alive-update-interval=1", "qvarnmr.keep-alive-timeout=5");
        report("a");
        Listeners.takeOver(qvarn, "other/9");
        clock.advance(Duration.ofSeconds(1)); // the next write checks ownership again

        assertThatThrownBy(engine.application()::poll).isInstanceOf(OwnershipLostException.class).hasMessageContaining("other/9");
        assertThat(qvarn.derived("reports_counts__map")).isEmpty();
    }

    @Test
    void shouldWalkTheResyncOnePageAtATime() throws Exception {
        for (String org : List.of("a", "a", "b", "c", "c")) {
            report(org);
        }
        QvarnMrEngine engine = engine("test/1", "qvarnmr.page-size=2");
        engine.start();

        engine.resyncStep();
        ResyncProgress first = engine.resyncProgress();
        int steps = 1;
        while (engine.resyncStep()) {
            steps++;
        }

        assertThat(first.done()).isEqualTo(2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(steps).as("3 pages of reports, then the reduce walk").isGreaterThanOrEqualTo(4);
        assertThat(engine.resyncDone()).isTrue();
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("a", "b", "c");
        assertThat(qvarn.derivedByKey("reports_counts").get("c").get("_mr_value").asInt()).isEqualTo(2);
    }

    @Test
    void shouldForgetAChangesFailuresWhenItIsAcknowledged() throws Exception {
        QvarnMrEngine engine = started();
        report("a");
        Pass pass = engine.application().poll();
        Change change = pass.changes().get(0);
        engine.application().settle(pass.mapFailed(change, new IllegalStateException("boom")));
        assertThat(engine.hasRetriesPending()).isTrue();

        engine.application().acknowledge(new Settlement(List.of(change), List.of(), new PassSummary(1, 1, 0, 0, 0,
                false)), List.of());

        assertThat(engine.hasRetriesPending()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(engine.application().poll().changes()).as("its notification is deleted").isEmpty();
    }

    @Test
    void shouldLeaveClearingFailuresToTheEngineWhenThePollerAcknowledges() throws Exception {
        QvarnMrEngine engine = started(); // creates the listeners the poller reads
        report("a");
        FailureTracker failures = new FailureTracker(qvarn.settings(bindings()).retry(), clock);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        toClose.add(pool::shutdownNow);
        List<ListenerState> listeners = new ListenerRegistry(qvarn.client(), "it").ensure(engine.listenedTypes());
        NotificationPoller poller = new NotificationPoller(qvarn.client(), pool, failures, 3);
        Change change = poller.poll(listeners, 10).changes().get(0);
        failures.recordFailure(change);

        poller.acknowledge(List.of(change));

        assertThat(failures.size()).as("cleared once, by QvarnMrEngine.acknowledge, not here too").isEqualTo(1);
    }

    @Test
    void shouldApplyABatchWithoutCamelThroughTheSameStepsMovingARowInAWaveAndReducingBothKeys() throws Exception {
        QvarnMrEngine engine = started();
        BatchApplication steps = engine.application();
        String id = report("a");
        BatchApplication.Applied first = steps.apply(steps.poll(), c -> steps.map(c, false), true, steps::settle);
        steps.acknowledge(first.settlement(), List.of());
        qvarn.update("reports", id, "{\"org\": \"b\"}");

        BatchApplication.Applied moved = steps.apply(steps.poll(), c -> steps.map(c, false), true, steps::settle);

        assertThat(moved.pass().failed()).isEmpty();
        assertThat(moved.pass().keys()).as("the key the row left and the key it arrived under")
                .containsExactlyInAnyOrder(new KeyRef("reports_counts__map", "a"), new KeyRef("reports_counts__map", "b"));
        assertThat(moved.settlement().acknowledge()).extracting(Change::resourceId).containsExactly(id);
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("b");
    }
}
