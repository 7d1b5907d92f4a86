package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.server.Faults;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * A forever worker (in this JVM) keeps up with a stream of creates, key moves and deletes while Qvarn
 * fails 7 % of requests with 500 or 503, has latency spikes and refuses every connection for 2 s; once
 * the stream ends and the faults stop, the derived data must equal a from-scratch computation, with no
 * dead letter. Prints one {@code SOAK} line with the figures.
 *
 * <p>The CI run makes {@code soak.changes} (default 1000) changes; a longer run:
 * {@code scripts/soak.sh 20000} or {@code mvn -B -o test -Dtest=SoakTest -Dsoak.changes=20000}
 * ({@code -Dsoak.seed=N} picks another sequence).
 */
class SoakTest {
    private static final int CHANGES = Integer.getInteger("soak.changes", 1000);
    private static final long SEED = Long.getLong("soak.seed", 20261127L);
    private static final double FAIL_RATE = 0.07;

    private final Random random = new Random(SEED);
    private final DerivedModel model = new DerivedModel();
    private final AtomicLong loaderRetries = new AtomicLong();
    private final AtomicLong redeliveries = new AtomicLong();
    /** Requests served during latency spikes: each counts as an injected fault. */
    private long delayed;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // a backstop: the awaits below bound each phase
    void derivedDataShouldEqualAFromScratchComputationAfterFaultsAndOutages() throws Exception {
        try (WorkerFixture qvarn = WorkerFixture.start()) {
            Faults faults = qvarn.server().faults();
            WorkerRuntime runtime = runtime(qvarn);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            long start = System.nanoTime();
            Future<Integer> exit = thread.submit(() -> runtime.run(true));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.rows("qvarnmr_listeners").size() == 2);
                faults.failRandomly(FAIL_RATE, SEED, 500, 503);
                load(qvarn, faults);
                long loaded = System.nanoTime();
                faults.clear();
                long faultsInjected = faults.injected();
                long requestsUnderFaults = qvarn.server().stats().total();
                await().atMost(Duration.ofSeconds(Math.max(60, CHANGES / 20))).pollInterval(Duration.ofMillis(250))
                        .until(() -> pending(qvarn) == 0 && model.differences(qvarn.client()).isEmpty());
                long done = System.nanoTime();
                runtime.stop();
                assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
                int deadLetters = qvarn.deadLetters().size();
                System.out.printf("SOAK changes=%d seed=%d fail-rate=%.2f requests=%d (under-faults=%d) faults-injected=%d "
                                + "(failed-or-refused~%d delayed~%d) loader-retries=%d worker-redeliveries=%d "
                                + "dead-letters=%d load-s=%.1f total-s=%.1f changes-per-s=%.0f%n", CHANGES, SEED,
                        FAIL_RATE, qvarn.server().stats().total(), requestsUnderFaults, faultsInjected,
                        faultsInjected - delayed, delayed,
                        loaderRetries.get(), redeliveries.get(), deadLetters, (loaded - start) / 1e9,
                        (done - start) / 1e9, CHANGES / ((done - start) / 1e9));
                assertThat(model.differences(qvarn.client())).isEmpty();
                assertThat(deadLetters).as("dead letters").isZero();
                assertThat(faultsInjected).as("faults were injected").isPositive();
            } finally {
                faults.clear();
                runtime.stop();
                thread.shutdownNow();
            }
        }
    }

    private WorkerRuntime runtime(WorkerFixture qvarn) throws Exception {
        CamelContext camel = WorkerRuntime.newContext();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                    redeliveries.incrementAndGet();
                }
            }
        });
        HandlerBindings bindings = new BindingsLoader(camel).parse(WorkerFixture.README_BINDINGS, "soak-handlers.yaml");
        Map<String, ConfigSource.Value> values = new HashMap<>();
        for (String s : List.of("qvarn.base-url=" + qvarn.server().baseUrl(), "qvarn.threads=4",
                "qvarnmr.instance=soak", "qvarnmr.poll-interval=50ms", "qvarnmr.retry.delay=50ms",
                "qvarnmr.retry.max-delay=500ms", "qvarnmr.dead-letter-uri=file:" + qvarn.workDir().resolve("dead-letters"))) {
            values.put(s.substring(0, s.indexOf('=')), new ConfigSource.Value(s.substring(s.indexOf('=') + 1), "soak"));
        }
        WorkerSettings settings = WorkerSettings.from(values, RequiredScopes.of(bindings));
        return new WorkerRuntime(camel, bindings, settings,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** {@link #CHANGES} random changes, with a latency spike at 25 % and 75 % and a 2 s outage at 50 %. */
    private void load(WorkerFixture qvarn, Faults faults) {
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(60, CHANGES / 10)).toNanos();
        List<String> orgs = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        long spikeStart = 0;
        for (int i = 0; i < CHANGES; i++) {
            assertThat(System.nanoTime()).as("loading within its time limit").isLessThan(deadline);
            if (i == CHANGES / 4 || i == CHANGES * 3 / 4) {
                faults.latency(Duration.ofMillis(150));
                spikeStart = qvarn.server().stats().total();
            } else if (i == CHANGES / 4 + CHANGES / 50 || i == CHANGES * 3 / 4 + CHANGES / 50) {
                faults.latency(Duration.ZERO);
                delayed += qvarn.server().stats().total() - spikeStart;
            } else if (i == CHANGES / 2) {
                faults.refuseConnectionsFor(Duration.ofSeconds(2));
            }
            int kind = random.nextInt(20);
            if (orgs.isEmpty() || kind < 3) {
                String org = retry(() -> qvarn.create("orgs", "{\"names\": [\"soak\"]}"));
                orgs.add(org);
                model.orgs.add(org);
            } else if (reports.isEmpty() || kind < 11) {
                String org = orgs.get(random.nextInt(orgs.size()));
                String report = retry(() -> qvarn.create("reports", "{\"org\": \"" + org + "\"}"));
                reports.add(report);
                model.reportOrg.put(report, org);
            } else if (kind < 16) {
                String report = reports.get(random.nextInt(reports.size()));
                String org = orgs.get(random.nextInt(orgs.size()));
                retry(() -> {
                    qvarn.update("reports", report, "{\"org\": \"" + org + "\"}");
                    return null;
                });
                model.reportOrg.put(report, org);
            } else if (kind < 19) {
                String report = reports.remove(random.nextInt(reports.size()));
                retry(() -> {
                    qvarn.delete("reports", report);
                    return null;
                });
                model.reportOrg.remove(report);
            } else {
                String org = orgs.remove(random.nextInt(orgs.size()));
                retry(() -> {
                    qvarn.delete("orgs", org);
                    return null;
                });
                model.orgs.remove(org);
            }
        }
    }

    /** Injected faults are not performed, so the loader simply tries again (bounded in time). */
    private <T> T retry(Callable<T> write) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long backOff = 10;
        while (true) {
            try {
                return write.call();
            } catch (QvarnException e) {
                if (!e.isRetryable() || System.nanoTime() > deadline) {
                    throw e;
                }
                loaderRetries.incrementAndGet();
                LockSupport.parkNanos(Duration.ofMillis(backOff).toNanos()); // back-off of a client, not a test wait
                backOff = Math.min(backOff * 2, 200);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A write that may throw the fixture's checked exceptions. */
    private interface Callable<T> {
        T call() throws Exception;
    }

    private static int pending(WorkerFixture qvarn) {
        int pending = 0;
        for (ObjectNode record : qvarn.rows("qvarnmr_listeners")) {
            pending += qvarn.client().listNotificationIds(MrFields.text(record, "resource_type"),
                    MrFields.text(record, "listener_id")).size();
        }
        return pending;
    }
}
