package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.Ownership;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** Keep-alive ownership of an instance (section 6 of the original's semantics), with fencing. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class OwnershipTest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private QvarnMrHarness qvarn;

    private void ownedBy(String owner, Duration ago) throws Exception {
        qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(); // creates the listener records
        String stamp = STAMP.format(LocalDateTime.now(ZoneOffset.UTC).minus(ago));
        for (ObjectNode record : qvarn.derived("qvarnmr_listeners")) {
            ObjectNode body = record.deepCopy();
            body.put("owner", owner);
            body.put("timestamp", stamp);
            qvarn.client().update("qvarnmr_listeners", record.get("id").asText(), body);
        }
    }

    @Test
    void shouldExitOneWhenAnotherWorkerIsAlive() throws Exception {
        ownedBy("other-host/4242", Duration.ofSeconds(5));
        qvarn.create("orgs", "{\"names\": [\"A\"]}");

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isEqualTo(1);

        assertThat(qvarn.lastOutput()).contains("map/reduce engine is already running on other-host/4242");
        assertThat(qvarn.derived("company_reports")).as("nothing processed").isEmpty();
    }

    @Test
    void shouldTakeOverFromAnOwnerWhoseKeepAliveTimedOut() throws Exception {
        ownedBy("crashed-host/1", Duration.ofMinutes(2));
        String org = qvarn.create("orgs", "{\"names\": [\"A\"]}");

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();

        assertThat(qvarn.derivedByKey("company_reports")).containsKey(org);
    }

    @Test
    void shouldHonourAShorterConfiguredTimeout() throws Exception {
        ownedBy("other-host/1", Duration.ofSeconds(5));

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.keep-alive-timeout=3",
                "qvarnmr.keep-alive-update-interval=1")).isZero();
    }

    @Test
    void shouldStopWritingOnceAnotherWorkerTookOver() throws Exception {
        List<ListenerState> listeners = new ListenerRegistry(qvarn.client(), "fenced").ensure(List.of("orgs"));
        Ownership mine = new Ownership(qvarn.client(), "me/1", Duration.ZERO, Duration.ofSeconds(60),
                Clock.systemUTC());
        mine.acquire(listeners);
        // Another worker decides this one is dead and writes itself as owner.
        ObjectNode record = qvarn.client().get("qvarnmr_listeners", listeners.get(0).recordId());
        record.put("owner", "thief/2");
        qvarn.client().update("qvarnmr_listeners", listeners.get(0).recordId(), record);

        assertThatThrownBy(mine::ensureOwner).isInstanceOf(OwnershipLostException.class).hasMessageContaining("thief/2");
        assertThat(mine.isOwner()).isFalse();
        assertThat(qvarn.client().get("qvarnmr_listeners", listeners.get(0).recordId()).get("owner").asText())
                .as("the fenced worker did not overwrite the new owner").isEqualTo("thief/2");
    }

    @Test
    void shouldRefuseToAcquireWhileAnotherOwnerIsFresh() throws Exception {
        List<ListenerState> listeners = new ListenerRegistry(qvarn.client(), "busy").ensure(List.of("orgs"));
        new Ownership(qvarn.client(), "first/1", Duration.ofSeconds(10), Duration.ofSeconds(60), Clock.systemUTC())
                .acquire(listeners);

        Ownership second = new Ownership(qvarn.client(), "second/2", Duration.ofSeconds(10), Duration.ofSeconds(60),
                Clock.systemUTC());

        assertThatThrownBy(() -> second.acquire(listeners)).isInstanceOf(OwnedElsewhereException.class)
                .hasMessage("map/reduce engine is already running on first/1");
    }
}
