package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.Faults;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.ProcessIdentity;

/**
 * A paused owner (a GC pause, a frozen VM; here SIGSTOP) that resumes after a standby took over: the worker
 * jar in {@code -f} is frozen in the middle of a batch, after its writes and before its acknowledgement; a
 * standby in this JVM takes over once the keep-alive timeout has passed and finishes the work; then the
 * frozen worker gets SIGCONT. It must exit 1 naming the new owner, and the derived data must still equal a
 * from-scratch computation, with no duplicate and nothing pending.
 *
 * <p>It is frozen at the first notification DELETE of a batch (held by the embedded Qvarn, then let go
 * unperformed). What remains after SIGCONT is the window fencing cannot close (docs/guarantees.md): the
 * rest of that acknowledgement, at most one batch of DELETEs of notifications the new owner has already
 * handled, and whatever other step was under way; the test counts and prints them ({@code PAUSED-OWNER}).
 */
class PausedOwnerIT {
    private static final String INSTANCE = "paused";
    private static final String DERIVED_WRITE = "(POST|PUT|DELETE) /(company_reports|reports_counts)\\S*";
    private static final String NOTIFICATION_DELETE = "DELETE /\\w+/listeners/\\{lid}/notifications/\\{nid}";
    private static final int BATCH = 4;
    private static final String KEEP_ALIVE_TIMEOUT = "3";
    /** The in-process standby's signatures start so; the owner runs in a process of its own. */
    private static final String STANDBY = ProcessIdentity.current().name() + "/";

    @Test
    void shouldStopAndLeaveTheDataRightWhenAFrozenOwnerResumesAfterATakeover() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.builder().start()) {
            DerivedModel model = new DerivedModel();
            Faults faults = qvarn.server().faults();
            JarWorker jar = new JarWorker(qvarn.workDir(), Bindings.README_BINDINGS, properties(qvarn));
            Process owner = jar.startWorker("owner", true);
            try {
                // Owned, and its first-start resync done (all 5 handler versions recorded): the freeze must land
                // in a pass, not in a resync page whose writes would also run on after the takeover.
                await().atMost(Duration.ofMinutes(2)).until(() -> owners(qvarn).size() == 2
                        && owners(qvarn).stream().allMatch(o -> o.contains("/" + owner.pid() + "/"))
                        && qvarn.derived("qvarnmr_handlers").stream()
                                .filter(r -> INSTANCE.equals(MrFields.text(r, "instance"))).count() == 5);
                // Mid-batch: its writes are done, the first DELETE of its acknowledgement waits for an answer.
                faults.holdEvery(r -> r.matches(NOTIFICATION_DELETE));
                for (int i = 0; i < 4; i++) {
                    String org = model.createOrg(qvarn.client());
                    for (int r = 0; r < 3; r++) {
                        model.createReport(qvarn.client(), org);
                    }
                }
                await().atMost(Duration.ofMinutes(2)).until(() -> faults.held() > 0 || !owner.isAlive()
                        || DerivedModel.pending(qvarn.client(), null) == 0 && model.differences(qvarn.client()).isEmpty());
                assertThat(faults.held()).as("the owner waits on a held write; requests %s:\n%s",
                        qvarn.server().stats().snapshot(), jar.output("owner")).isPositive();
                signal("STOP", owner);
                faults.releaseHeld(); // the write it waits on is dropped unperformed; nothing more is held

                try (QvarnMrHarness.RunningWorker standby = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(
                        "qvarnmr.instance=" + INSTANCE, "qvarnmr.standby=yes", "qvarnmr.keep-alive-update-interval=1",
                        "qvarnmr.keep-alive-timeout=" + KEEP_ALIVE_TIMEOUT)) {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        assertThat(owners(qvarn)).as("taken over").allMatch(o -> o.startsWith(STANDBY));
                        assertThat(model.differences(qvarn.client())).as("the standby finished the work").isEmpty();
                        assertThat(DerivedModel.pending(qvarn.client(), null)).as("pending notifications").isZero();
                    });
                    qvarn.server().stats().reset();

                    signal("CONT", owner);
                    assertThat(owner.waitFor(3, TimeUnit.MINUTES)).as("the resumed owner stops").isTrue();

                    assertThat(owner.exitValue()).as(jar.output("owner")).isEqualTo(1);
                    assertThat(jar.output("owner")).contains("map/reduce engine is already running on "
                            + STANDBY);
                    // The window fencing cannot close (docs/guarantees.md, section 3a): work under way at the
                    // freeze goes on until the next step checks ownership. Measured, and it must be harmless.
                    Map<String, Long> acks = writes(qvarn, NOTIFICATION_DELETE);
                    Map<String, Long> derived = writes(qvarn, DERIVED_WRITE);
                    System.out.println("PAUSED-OWNER after the takeover: notification DELETEs " + acks
                            + ", derived-row writes " + derived);
                    assertThat(acks.values().stream().mapToLong(Long::longValue).sum())
                            .as("DELETEs of the acknowledgement under way").isLessThanOrEqualTo(BATCH);
                    assertThat(model.differences(qvarn.client())).as("derived data").isEmpty();
                    assertThat(DerivedModel.pending(qvarn.client(), null)).as("pending notifications").isZero();
                    assertThat(qvarn.deadLetters()).as("dead letters").isEmpty();
                    assertThat(owners(qvarn)).as("still the standby's").allMatch(o -> o.startsWith(STANDBY));
                }
            } finally {
                faults.clear();
                signal("CONT", owner);
                JarWorker.kill(owner);
            }
        }
    }

    private static Map<String, String> properties(QvarnMrHarness qvarn) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        props.put("qvarn.threads", "1");
        props.put("qvarnmr.instance", INSTANCE);
        props.put("qvarnmr.batch-size", Integer.toString(BATCH));
        props.put("qvarnmr.keep-alive-timeout", KEEP_ALIVE_TIMEOUT);
        props.put("qvarnmr.keep-alive-update-interval", "1");
        props.put("qvarnmr.poll-interval", "100ms");
        props.put("qvarnmr.retry.delay", "100ms");
        props.put("qvarnmr.retry.max-delay", "500ms");
        props.put("qvarnmr.management.enabled", "no");
        props.put("qvarnmr.dead-letter-uri", "file:" + qvarn.workDir().resolve("dead-letters"));
        return props;
    }

    private static void signal(String signal, Process process) throws Exception {
        if (process.isAlive()) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(1, TimeUnit.MINUTES) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
        }
    }

    private static List<String> owners(QvarnMrHarness qvarn) {
        return qvarn.derived("qvarnmr_listeners").stream().filter(r -> INSTANCE.equals(MrFields.text(r, "instance")))
                .map(r -> String.valueOf(MrFields.text(r, "owner"))).toList();
    }

    /** Requests matching {@code shape} counted since the last reset, by route. */
    private static Map<String, Long> writes(QvarnMrHarness qvarn, String shape) {
        Map<String, Long> writes = new TreeMap<>();
        qvarn.server().stats().snapshot().forEach((request, n) -> {
            if (request.matches(shape)) {
                writes.put(request, n);
            }
        });
        return writes;
    }

}
