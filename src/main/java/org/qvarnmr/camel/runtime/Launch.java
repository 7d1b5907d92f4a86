package org.qvarnmr.camel.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * How a worker was launched, for what only the runner of a whole process may decide.
 *
 * @param startNanos  when the run began ({@link System#nanoTime()}): {@code qvarnmr.startup-timeout} counts from
 *                    here, so the JVM's and Camel's own start-up are part of the window, not added to it
 * @param outOfMemory ends the process when its heap runs out; null when the worker runs in a JVM it does not own
 */
public record Launch(long startNanos, OutOfMemoryGuard outOfMemory) {
    /** {@code java -jar}: the window counts from the process's start, and running out of memory ends it. */
    public static Launch ofThisProcess() {
        long age = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toNanos()).orElse(0L);
        return new Launch(System.nanoTime() - Math.max(0, age), OutOfMemoryGuard.forThisProcess());
    }

    /** In a JVM the worker does not own (tests, an embedding application, the demo): counts from now, never halts. */
    public static Launch inThisJvm() {
        return new Launch(System.nanoTime(), null);
    }
}
