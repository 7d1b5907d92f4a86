package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.server.Faults;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * A forever worker (in this JVM) keeps up with a stream of creates, key moves and deletes while Qvarn
 * fails 7 % of requests with 500 or 503 without performing them, has latency spikes and refuses every
 * connection for 2 s, and, on the worker's own writes (POST, PUT and DELETE of map rows, reduce rows,
 * notifications and the keep-alive record), performs 10 % but loses their reply and performs 5 % but
 * answers 503; once the stream ends and the faults stop, the derived data must equal a from-scratch
 * computation, with no duplicate row, no pending notification and no dead letter. Prints one
 * {@code SOAK} line with the figures.
 *
 * <p>The CI run makes {@code soak.changes} (default 1000) changes; a longer run:
 * {@code scripts/soak.sh 20000} or {@code mvn -B -o test -Dtest=SoakTest -Dsoak.changes=20000}
 * ({@code -Dsoak.seed=N} picks another sequence).
 */
class SoakTest {
    private static final int CHANGES = Integer.getInteger("soak.changes", 1000);
    private static final long SEED = Long.getLong("soak.seed", 20261127L);
    private static final double FAIL_RATE = 0.07;
    /** Only guards against a hang: how long convergence takes is measured, never asserted. */
    private static final int CEILING_MINUTES = Integer.getInteger("soak.ceilingMinutes", Math.max(10, CHANGES / 500));
    private static final double LOST_REPLY_RATE = 0.10;
    private static final double FAILED_AFTER_RATE = 0.05;
    /** The loader's own requests: kept out of the ambiguous faults, so the model knows every source. */
    private static final Set<String> LOADER_ROUTES = Set.of("/orgs", "/orgs/{id}", "/reports", "/reports/{id}");

    private final Random random = new Random(SEED);
    private final DerivedModel model = new DerivedModel();
    private final AtomicLong loaderRetries = new AtomicLong();
    private final AtomicLong redeliveries = new AtomicLong();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // a backstop: the awaits below bound each phase
    void derivedDataShouldEqualAFromScratchComputationAfterFaultsAndOutages() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.builder().start()) {
            Faults faults = qvarn.server().faults();
            WorkerRuntime runtime = runtime(qvarn);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            long start = System.nanoTime();
            Future<Integer> exit = thread.submit(() -> runtime.run(true));
            try {
                // Started and its first resync done (the 5 handler versions recorded): the faults are for the
                // worker's passes; a start-up under them restarts whole and may outlast the load (runtime/QvarnOutage).
                await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derived("qvarnmr_listeners").size() == 2
                        && qvarn.derived("qvarnmr_handlers").size() == 5);
                faults.failRandomly(FAIL_RATE, SEED, 500, 503);
                faults.loseRepliesRandomly(LOST_REPLY_RATE, SEED, SoakTest::workerWrite);
                faults.failAfterPerformingRandomly(FAILED_AFTER_RATE, SEED, 503, SoakTest::workerWrite);
                load(qvarn, faults);
                long loaded = System.nanoTime();
                faults.clear();
                long faultsInjected = faults.injected();
                long requestsUnderFaults = qvarn.server().stats().total();
                // The ceiling only guards against a hang; how long convergence takes is the benchmark's business.
                await().atMost(Duration.ofMinutes(CEILING_MINUTES)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            assertThat(model.differences(qvarn.client())).as("derived data").isEmpty();
                            assertThat(DerivedModel.pending(qvarn.client(), null)).as("pending notifications").isZero();
                        });
                long done = System.nanoTime();
                runtime.stop();
                assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
                int deadLetters = qvarn.deadLetters().size();
                System.out.printf("SOAK changes=%d seed=%d fail-rate=%.2f requests=%d (under-faults=%d) faults-injected=%d "
                                + "(failed=%d refused=%d delayed=%d performed-reply-lost=%d performed-then-503=%d) "
                                + "loader-retries=%d worker-redeliveries=%d dead-letters=%d load-s=%.1f total-s=%.1f "
                                + "changes-per-s=%.0f%n", CHANGES, SEED,
                        FAIL_RATE, qvarn.server().stats().total(), requestsUnderFaults, faultsInjected,
                        faults.injected(Faults.Kind.FAILED), faults.injected(Faults.Kind.REFUSED),
                        faults.injected(Faults.Kind.DELAYED), faults.injected(Faults.Kind.PERFORMED_REPLY_LOST),
                        faults.injected(Faults.Kind.PERFORMED_THEN_FAILED),
                        loaderRetries.get(), redeliveries.get(), deadLetters, (loaded - start) / 1e9,
                        (done - start) / 1e9, CHANGES / ((done - start) / 1e9));
                assertThat(model.differences(qvarn.client())).isEmpty();
                assertThat(deadLetters).as("dead letters").isZero();
                assertThat(DerivedModel.pending(qvarn.client(), null)).as("pending notifications").isZero();
                assertThat(faults.injected(Faults.Kind.PERFORMED_REPLY_LOST)).as("replies lost").isPositive();
                assertThat(faults.injected(Faults.Kind.PERFORMED_THEN_FAILED)).as("performed, answered 503")
                        .isPositive();
                assertThat(faults.injected(Faults.Kind.FAILED)).as("failed, not performed").isPositive();
            } finally {
                faults.clear();
                runtime.stop();
                thread.shutdownNow();
            }
        }
    }

    private WorkerRuntime runtime(QvarnMrHarness qvarn) throws Exception {
        CamelContext camel = WorkerRuntime.newContext();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                    redeliveries.incrementAndGet();
                }
            }
        });
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(Bindings.README_BINDINGS, "soak-handlers.yaml");
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
    private void load(QvarnMrHarness qvarn, Faults faults) {
        List<String> orgs = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            if (i == CHANGES / 4 || i == CHANGES * 3 / 4) {
                faults.latency(Duration.ofMillis(150));
            } else if (i == CHANGES / 4 + CHANGES / 50 || i == CHANGES * 3 / 4 + CHANGES / 50) {
                faults.latency(Duration.ZERO);
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

    /** The worker's writes: anything but a GET and the loader's own routes. */
    static boolean workerWrite(String request) {
        int space = request.indexOf(' ');
        return !request.startsWith("GET ") && !LOADER_ROUTES.contains(request.substring(space + 1));
    }

    /** Faults on the loader's requests are never performed, so it simply tries again (bounded in time). */
    private <T> T retry(Callable<T> write) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos(); // a hang guard, not a speed limit
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

}
