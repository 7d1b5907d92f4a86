package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.bench.SideBySide.Run;
import org.qvarnmr.camel.bench.SideBySide.Worker;

/** The side-by-side verdict: the original's known defect is named where it applies, never hidden or excused elsewhere. */
class SideBySideReportTest {
    private static final DerivedDataCheck.Result RIGHT = new DerivedDataCheck.Result(100, 0, List.of());
    private static final DerivedDataCheck.Result STALE = new DerivedDataCheck.Result(100, 1,
            List.of("reports_counts[o1] is 2, expected 1"));

    private static Run run(Worker worker, DerivedDataCheck.Result check) {
        TreeMap<String, long[]> routes = new TreeMap<>();
        routes.put("GET /reports/{id}", new long[] {50, 500});
        routes.put("POST /reports_counts__map", new long[] {30, 900});
        routes.put("GET /reports_counts__map/search", new long[] {10, 300});
        routes.put("DELETE /reports/listeners/{lid}/notifications/{nid}", new long[] {10, 130});
        routes.put("POST /auth/token", new long[] {1, 80});
        return new Run(worker, 1, 20, worker == Worker.ORIGINAL ? 10 : 4, 0, new AccessLog.ServerTimes(routes, 0),
                new CpuSplit(10, 2, 1, 3, 1, 0.5), check);
    }

    private static int print(BenchMode mode, StringWriter text, Run... runs) {
        ServerCapacity.Table capacity = new ServerCapacity.Table(Map.of(RequestKind.GET, new TreeMap<>(Map.of(1, 100.0)),
                RequestKind.POST, new TreeMap<>(Map.of(1, 30.0, 8, 40.0)), RequestKind.SEARCH, new TreeMap<>(Map.of(1, 20.0)),
                RequestKind.DELETE, new TreeMap<>(Map.of(1, 50.0))));
        return new SideBySideReport(new PrintWriter(text, true), mode, capacity).print(List.of(runs));
    }

    @Test
    void shouldNameTheOriginalsStaleReduceAsItsKnownDefectInTheMixedWorkload() {
        StringWriter text = new StringWriter();

        int exit = print(BenchMode.mixed, text, run(Worker.ORIGINAL, STALE), run(Worker.OURS, RIGHT));

        assertThat(exit).isZero();
        assertThat(text.toString()).contains("FAIL, 1 problems (known defect)", SideBySideReport.KNOWN_DEFECT,
                "reports_counts[o1] is 2, expected 1", "the original wrong only by its known defect");
    }

    @Test
    void shouldFailWhenTheOriginalIsWrongOnCreatesOnly() {
        StringWriter text = new StringWriter();

        int exit = print(BenchMode.incremental, text, run(Worker.ORIGINAL, STALE), run(Worker.OURS, RIGHT));

        assertThat(exit).isEqualTo(1);
        assertThat(text.toString()).contains("WRONG beyond its known defects").doesNotContain("(known defect)");
    }

    @Test
    void shouldFailWhenThisWorkerIsWrongAnywhere() {
        StringWriter text = new StringWriter();

        int exit = print(BenchMode.mixed, text, run(Worker.ORIGINAL, RIGHT), run(Worker.OURS, STALE));

        assertThat(exit).isEqualTo(1);
        assertThat(text.toString()).contains("this worker WRONG");
    }

    @Test
    void shouldPrintTheRatioTheBoundAndWritesAndSearchesPerChange() {
        StringWriter text = new StringWriter();

        print(BenchMode.incremental, text, run(Worker.ORIGINAL, RIGHT), run(Worker.OURS, RIGHT));

        // bound: 50 GET / 100 + 30 POST / 40 + 10 searches / 20 + 10 DELETE / 50 = 1.95 s; the token is left out
        assertThat(text.toString()).contains("| wall s | 10.0 | 4.00 | **2.50x** |", "| server bound for its mix, s | 1.95 | 1.95 | |",
                "| wall / bound | 5.13 | 2.05 | |", "| writes and searches per change | 2.50 | 2.50 | 1.00x fewer |");
        assertThat(SideBySideReport.writesAndSearchesPerChange(run(Worker.OURS, RIGHT))).isEqualTo(2.5, within(1e-9));
    }
}
