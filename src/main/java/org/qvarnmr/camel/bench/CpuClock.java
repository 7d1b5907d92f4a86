package org.qvarnmr.camel.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's CPU time (all threads), from the JVM's operating-system bean, and its JIT compilers' share. */
final class CpuClock {
    /** Linux's per-thread accounting of this process: {@code task/<tid>/stat}. */
    private static final Path TASKS = Path.of("/proc/self/task");
    /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread0", ... */
    private static final String COMPILER_THREAD = "CompilerThre";

    private CpuClock() {
    }

    /** CPU seconds used by this JVM so far, or NaN when the platform does not tell. */
    static double seconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    /**
     * CPU seconds used so far by the JIT compiler threads now alive (C1 and C2), or NaN where Linux's
     * {@code /proc} is missing. The JVM hides these threads from its own thread bean. A compiler thread the
     * JVM retired when idle takes its count with it, so on a machine with many cores this is a lower bound.
     */
    static double jitSeconds() {
        if (!Files.isDirectory(TASKS)) {
            return Double.NaN;
        }
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ticks += compilerTicks(task.resolve("stat"));
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / ProcStat.TICKS_PER_SECOND;
    }

    /** utime + stime of a compiler thread's {@code stat} line, 0 for any other thread or one that just ended. */
    static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0;
        }
        return compilerTicks(line);
    }

    /** The same, from the line ({@link ProcStat.Process}): utime + stime when the thread's name is a compiler's. */
    static long compilerTicks(String statLine) {
        ProcStat.Process thread = ProcStat.Process.parse(statLine);
        return thread.comm().contains(COMPILER_THREAD) ? thread.ownTicks() : 0;
    }
}
