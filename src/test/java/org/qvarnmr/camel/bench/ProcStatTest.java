package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU split of a side-by-side run, from /proc stat lines. */
class ProcStatTest {
    /** pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ... */
    private static String stat(int pid, String comm, int ppid, long utime, long stime, long cutime, long cstime) {
        return pid + " (" + comm + ") S " + ppid + " 100 100 0 -1 4194560 500 0 0 0 " + utime + " " + stime + " "
                + cutime + " " + cstime + " 20 0 1 0 12345 0 0";
    }

    @Test
    void shouldReadPidParentAndOwnAndReapedChildrensTicksEvenWithParenthesesInTheName() {
        ProcStat.Process p = ProcStat.Process.parse(stat(4243, "uwsgi (worker 1)", 4200, 731, 45, 12, 3));

        assertThat(p.pid()).isEqualTo(4243);
        assertThat(p.comm()).isEqualTo("uwsgi (worker 1)");
        assertThat(p.ppid()).isEqualTo(4200);
        assertThat(p.ownTicks()).isEqualTo(776);
        assertThat(p.childTicks()).isEqualTo(15);
    }

    @Test
    void shouldSumATreeWithItsReapedChildrenAndNothingOutsideIt() {
        List<ProcStat.Process> all = List.of(
                ProcStat.Process.parse(stat(10, "postgres", 1, 100, 50, 300, 20)), // backends that ended: 320
                ProcStat.Process.parse(stat(11, "postgres", 10, 40, 10, 0, 0)),
                ProcStat.Process.parse(stat(12, "postgres", 11, 5, 5, 0, 0)),
                ProcStat.Process.parse(stat(20, "postgres", 1, 999, 999, 999, 999))); // another cluster

        assertThat(ProcStat.treeTicks(all, 10)).isEqualTo(150 + 320 + 50 + 10);
        assertThat(ProcStat.treeTicks(all, 99)).isZero();
    }

    @Test
    void shouldCountUserNiceSystemIrqSoftirqAndStealAsBusyButNotIdleOrIowait() {
        String procStat = "cpu  100 2 30 5000 40 6 7 8 0 0\ncpu0 50 1 15 2500 20 3 3 4 0 0\nintr 123\n";

        assertThat(ProcStat.busyTicks(procStat)).isEqualTo(100 + 2 + 30 + 6 + 7 + 8);
    }

    @Test
    void shouldSplitARunIntoWorkerServerDatabaseOtherAndIdle() {
        CpuSplit.Mark before = new CpuSplit.Mark(1_000, 2_000, 3_000, 50_000, 0);
        CpuSplit.Mark after = new CpuSplit.Mark(1_500, 3_000, 3_200, 52_000, 10_000_000_000L);

        CpuSplit split = CpuSplit.between(before, after, 2);

        assertThat(split.wall()).isEqualTo(10.0, within(1e-9));
        assertThat(split.worker()).isEqualTo(5.0, within(1e-9));
        assertThat(split.server()).isEqualTo(10.0, within(1e-9));
        assertThat(split.database()).isEqualTo(2.0, within(1e-9));
        assertThat(split.other()).isEqualTo(3.0, within(1e-9)); // 20 s busy - 17 s explained
        assertThat(split.idle()).isEqualTo(0.0, within(1e-9)); // 2 cores x 10 s - 20 s
    }
}
