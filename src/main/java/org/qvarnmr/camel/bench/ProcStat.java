package org.qvarnmr.camel.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linux's CPU accounting in {@code /proc}: a process's {@code stat} line and the machine's {@code cpu} line of
 * {@code /proc/stat}, in clock ticks (USER_HZ, 100 on every Linux port). A process tree's ticks are each live
 * member's own and its reaped children's ({@code utime + stime + cutime + cstime}), so a PostgreSQL backend
 * that ended during a run still counts, through its parent.
 */
final class ProcStat {
    static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC = Path.of("/proc");

    private ProcStat() {
    }

    /** One process's {@code stat} line: {@code pid (comm) state ppid ...}, utime..cstime the 12th-15th after comm. */
    record Process(int pid, String comm, int ppid, long ownTicks, long childTicks) {
        static Process parse(String statLine) {
            int open = statLine.indexOf('(');
            int close = statLine.lastIndexOf(')');
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("not a /proc stat line: " + statLine);
            }
            int pid = Integer.parseInt(statLine.substring(0, open).strip());
            String[] f = statLine.substring(close + 2).strip().split(" ");
            return new Process(pid, statLine.substring(open + 1, close), Integer.parseInt(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14]));
        }

        long ticks() {
            return ownTicks + childTicks;
        }
    }

    /** The machine's busy ticks (user, nice, system, irq, softirq, steal) from the {@code cpu} line of /proc/stat. */
    static long busyTicks(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).strip().split("\\s+");
                long busy = 0;
                for (int i : new int[] {0, 1, 2, 5, 6, 7}) {
                    busy += i < f.length ? Long.parseLong(f[i]) : 0;
                }
                return busy;
            }
        }
        throw new IllegalArgumentException("no 'cpu ' line in /proc/stat");
    }

    /** The ticks of the tree under {@code root} (itself included) among {@code processes}; 0 when root is gone. */
    static long treeTicks(List<Process> processes, int root) {
        Map<Integer, List<Process>> children = new HashMap<>();
        Process top = null;
        for (Process p : processes) {
            children.computeIfAbsent(p.ppid(), k -> new java.util.ArrayList<>()).add(p);
            if (p.pid() == root) {
                top = p;
            }
        }
        if (top == null) {
            return 0;
        }
        long ticks = 0;
        Set<Integer> seen = new HashSet<>();
        Deque<Process> todo = new ArrayDeque<>(List.of(top));
        while (!todo.isEmpty()) {
            Process p = todo.pop();
            if (seen.add(p.pid())) {
                ticks += p.ticks();
                todo.addAll(children.getOrDefault(p.pid(), List.of()));
            }
        }
        return ticks;
    }

    /** Every process now (one that ends while read is skipped). */
    static List<Process> processes() {
        List<Process> all = new java.util.ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    all.add(Process.parse(Files.readString(dir.resolve("stat"))));
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return all;
    }

    /** The machine's busy ticks now. */
    static long machineBusyTicks() {
        return busyTicks(read(PROC.resolve("stat")));
    }

    /** The reaped children's ticks of this JVM: a worker process it started and waited for counts here. */
    static long selfChildTicks() {
        return Process.parse(read(PROC.resolve("self/stat"))).childTicks();
    }

    /** The pid in the first line of a pid file (uWSGI's {@code uwsgi.pid}, PostgreSQL's {@code postmaster.pid}). */
    static int pidFile(Path file) {
        String text = read(file).strip();
        int end = text.indexOf('\n');
        try {
            return Integer.parseInt((end < 0 ? text : text.substring(0, end)).strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("no pid in the first line of " + file, e);
        }
    }

    static boolean available() {
        return Files.isRegularFile(PROC.resolve("stat"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
