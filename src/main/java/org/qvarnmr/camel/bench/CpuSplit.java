package org.qvarnmr.camel.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The machine's CPU over one measured run, in seconds: the worker's process (this JVM's reaped child), the
 * Qvarn's uWSGI processes, its PostgreSQL processes, everything else that ran, and idle = cores x wall - the
 * rest.
 */
record CpuSplit(double wall, int cores, double worker, double server, double database, double other) {

    double idle() {
        return cores * wall - worker - server - database - other;
    }

    /** A reading at one moment of the ticks that make the split. */
    record Mark(long workerTicks, long serverTicks, long databaseTicks, long machineTicks, long nanos) {
    }

    /** Reads the ticks of the Qvarn whose run directory holds {@code uwsgi.pid} and {@code pg/postmaster.pid}. */
    static Mark mark(Path runDir) {
        List<ProcStat.Process> all = ProcStat.processes();
        return new Mark(ProcStat.selfChildTicks(),
                ProcStat.treeTicks(all, ProcStat.pidFile(runDir.resolve("uwsgi.pid"))),
                ProcStat.treeTicks(all, ProcStat.pidFile(runDir.resolve("pg/postmaster.pid"))),
                ProcStat.machineBusyTicks(), System.nanoTime());
    }

    /** The split between two marks; "other" is the machine's busy time that none of the three explains. */
    static CpuSplit between(Mark before, Mark after, int cores) {
        double t = ProcStat.TICKS_PER_SECOND;
        double worker = (after.workerTicks() - before.workerTicks()) / t;
        double server = (after.serverTicks() - before.serverTicks()) / t;
        double database = (after.databaseTicks() - before.databaseTicks()) / t;
        double busy = (after.machineTicks() - before.machineTicks()) / t;
        return new CpuSplit((after.nanos() - before.nanos()) / 1e9, cores, worker, server, database,
                Math.max(0, busy - worker - server - database));
    }
}
