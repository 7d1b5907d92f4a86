package org.qvarnmr.camel.runtime;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * How a worker was launched, for what only the runner of a whole process may decide.
 *
 * @param startNanos  when the run began ({@link System#nanoTime()}): {@code qvarnmr.startup-timeout} counts from
 *                    here, so the JVM's and Camel's own start-up are part of the window, not added to it
 * @param outOfMemory ends the process when its heap runs out; null when the worker runs in a JVM it does not own
 */
public record Launch(long startNanos, OutOfMemoryGuard outOfMemory) {
    /**
     * {@code java -jar}: the window counts from the process's start, and running out of memory ends it. The
     * start is the JVM's own (its uptime), a few milliseconds after the launcher's: the operating system's
     * process start time ({@code ProcessHandle}) is derived from a boot time in whole seconds and was seen
     * up to a second early, which would cut the window short.
     */
    public static Launch ofThisProcess() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        return new Launch(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(uptime), OutOfMemoryGuard.forThisProcess());
    }

    /** In a JVM the worker does not own (tests, an embedding application, the demo): counts from now, never halts. */
    public static Launch inThisJvm() {
        return new Launch(System.nanoTime(), null);
    }
}
