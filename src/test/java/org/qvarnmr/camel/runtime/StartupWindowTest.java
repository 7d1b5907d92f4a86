package org.qvarnmr.camel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.support.RefusingPort;

/**
 * What {@code qvarnmr.startup-timeout} counts: the time since the run was launched (for {@code java -jar}, the
 * process's start), not since the first attempt to reach Qvarn, so the JVM's and Camel's own start-up are
 * inside the window instead of added to it (18-20 s for a 10 s window on a loaded machine, before).
 */
class StartupWindowTest {
    private final RefusingPort unreachable = new RefusingPort();
    @TempDir
    Path dir;

    @AfterEach
    void release() throws IOException {
        unreachable.close();
    }

    private WorkerRuntime worker(Launch launch, String startupTimeout) throws IOException {
        Path config = Files.writeString(dir.resolve("app.properties"), "qvarn.base-url=" + unreachable.url()
                + "\nqvarnmr.instance=window\nqvarnmr.retry.delay=100ms\nqvarnmr.retry.max-delay=500ms\n"
                + "qvarnmr.startup-timeout=" + startupTimeout + "\nqvarnmr.dead-letter-uri=file:" + dir + "/dl\n");
        return WorkerRuntime.forCommandLine(Path.of("config", "handlers.yaml"),
                ConfigSource.load(config, java.util.Map.of(), new Properties()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), launch);
    }

    @Test
    void shouldCountTheWindowFromTheLaunchNotFromTheFirstAttempt() throws Exception {
        // Launched 8 s ago (a slow JVM and Camel start-up), with a 10 s window: 2 s are left when it first tries.
        long start = System.nanoTime();
        WorkerRuntime worker = worker(new Launch(start - Duration.ofSeconds(8).toNanos(), null), "10");

        assertThatThrownBy(() -> worker.run(false)).isInstanceOf(QvarnUnreachableException.class)
                .hasMessage("cannot reach Qvarn at " + unreachable.url() + ": connection refused");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("it waited out what was left of the window").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(took).as("and did not start a whole window at its first attempt").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void shouldTryAtLeastOnceWhenTheWindowIsOverBeforeTheFirstAttempt() throws Exception {
        WorkerRuntime worker = worker(new Launch(System.nanoTime() - Duration.ofMinutes(1).toNanos(), null), "10");

        assertThatThrownBy(() -> worker.run(false)).isInstanceOf(QvarnUnreachableException.class)
                .hasMessage("cannot reach Qvarn at " + unreachable.url() + ": connection refused");
    }

    @Test
    void shouldCountFromTheProcessStartForTheJar() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime(); // milliseconds since the JVM started

        Launch launch = Launch.ofThisProcess();

        Duration age = Duration.ofNanos(System.nanoTime() - launch.startNanos());
        assertThat(age).as("the window counts from the JVM's start, not later").isGreaterThanOrEqualTo(
                Duration.ofMillis(uptime));
        assertThat(age).as("nor earlier, which would cut it short").isLessThan(Duration.ofMillis(uptime + 250));
        assertThat(launch.outOfMemory()).as("and the jar's process ends when its heap runs out").isNotNull();
        assertThat(Launch.inThisJvm().outOfMemory()).as("but not a JVM the worker does not own").isNull();
    }
}
