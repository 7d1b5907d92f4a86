package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;
import org.qvarnmr.camel.worker.ProcessIdentity;
import org.qvarnmr.camel.worker.QvarnMr;

/**
 * Two workers that run as the same host name and pid (two containers with one host name, Java as PID 1 in
 * each) are still two owners: one of them is refused, as any second worker is.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class TwinWorkersTest {
    private static final ProcessIdentity PID_1 = new ProcessIdentity("worker-host", 1);

    private QvarnMrHarness qvarn;

    private QvarnMr worker() {
        HandlerBindings bindings = new BindingsLoader(HandlerResolver.NONE).parse(Bindings.README_BINDINGS, "twins.yaml");
        return QvarnMr.builder(bindings, qvarn.settings(bindings, "qvarnmr.instance=twins")).forever(false)
                .process(PID_1).build();
    }

    @Test
    void shouldRefuseTheSecondOfTwoWorkersWithTheSameHostAndPid() {
        try (QvarnMr first = worker(); QvarnMr second = worker()) {
            first.start();

            assertThatThrownBy(second::start).isInstanceOf(OwnedElsewhereException.class)
                    .hasMessage("map/reduce engine is already running on " + first.engine().ownership().signature());
            assertThat(first.engine().ownership().signature()).as("host/pid stays readable").startsWith("worker-host/1/");
            assertThat(qvarn.derived("qvarnmr_listeners")).isNotEmpty().allSatisfy(r -> assertThat(r.get("owner").asText())
                    .isEqualTo(first.engine().ownership().signature()));
        }
    }

    @Test
    void shouldRespectAnOriginalWorkerThatSignedWithThisHostAndPid() throws Exception {
        qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(); // creates the listener records
        String original = ProcessIdentity.current().name(); // the original's host/pid: here, the same as ours
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").format(LocalDateTime.now(ZoneOffset.UTC));
        for (ObjectNode record : qvarn.derived("qvarnmr_listeners")) {
            qvarn.client().update("qvarnmr_listeners", record.get("id").asText(),
                    record.deepCopy().put("owner", original).put("timestamp", now));
        }

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.keep-alive-timeout=" + Duration.ofHours(1)
                .toSeconds())).isEqualTo(1);
        assertThat(qvarn.lastOutput()).contains("map/reduce engine is already running on " + original);
    }
}
