package org.qvarnmr.camel.bench;

import java.lang.management.ManagementFactory;

/** This process's CPU time (all threads), from the JVM's operating-system bean. */
final class CpuClock {
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
}
