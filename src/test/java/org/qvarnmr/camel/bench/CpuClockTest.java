package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JIT compilers' CPU is read from Linux's per-thread accounting of this process. */
class CpuClockTest {

    @Test
    void shouldAddUserAndSystemTicksOfACompilerThread() {
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 13 0 0 0 731 45 0 0 20 0 30 0 123 0 0";

        assertThat(CpuClock.compilerTicks(stat)).isEqualTo(776);
    }

    @Test
    void shouldNotCountOtherThreadsEvenWithParenthesesInTheirName() {
        String stat = "4243 (Camel (camel-1) t) S 1 4200 4200 0 -1 1077936192 13 0 0 0 731 45 0 0 20 0 30 0 123 0 0";

        assertThat(CpuClock.compilerTicks(stat)).isZero();
    }

    @Test
    void shouldReadAPositiveJitFigureNoLargerThanTheProcessCpuOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");

        double jit = CpuClock.jitSeconds();

        // A test JVM has compiled methods by now (JUnit itself runs hot loops), and the JIT is part of the process.
        assertThat(jit).isPositive().isLessThanOrEqualTo(CpuClock.seconds());
    }
}
