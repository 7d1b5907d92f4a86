package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A workload's bound: the server's time for the worker's request mix at the best measured rates. */
class ServerBoundTest {

    @Test
    void shouldClassifyAccessLogRoutesBySearchPathThenMethodAndLeaveTokensOut() {
        assertThat(RequestKind.of("GET /reports/search")).isEqualTo(RequestKind.SEARCH);
        assertThat(RequestKind.of("GET /reports/{id}")).isEqualTo(RequestKind.GET);
        assertThat(RequestKind.of("GET /reports/listeners/{lid}/notifications")).isEqualTo(RequestKind.GET);
        assertThat(RequestKind.of("DELETE /reports/listeners/{lid}/notifications/{nid}")).isEqualTo(RequestKind.DELETE);
        assertThat(RequestKind.of("POST /company_reports__map")).isEqualTo(RequestKind.POST);
        assertThat(RequestKind.of("PUT /reports_counts/{id}")).isEqualTo(RequestKind.PUT);
        assertThat(RequestKind.of("POST /auth/token")).isEqualTo(RequestKind.OTHER);
    }

    @Test
    void shouldSumEachKindsCountOverItsBestRate() {
        TreeMap<String, long[]> byRoute = new TreeMap<>();
        byRoute.put("POST /company_reports__map", new long[] {1900, 60_000});
        byRoute.put("PUT /reports_counts/{id}", new long[] {400, 16_000});
        byRoute.put("GET /reports/search", new long[] {200, 5_000});
        byRoute.put("DELETE /reports/listeners/{lid}/notifications/{nid}", new long[] {1000, 13_000});
        byRoute.put("POST /auth/token", new long[] {2, 100});
        Map<RequestKind, Double> best = Map.of(RequestKind.POST, 45.0, RequestKind.PUT, 40.0, RequestKind.SEARCH, 42.0,
                RequestKind.DELETE, 50.0, RequestKind.GET, 533.0);

        ServerBound bound = ServerBound.of(ServerBound.mix(byRoute), best);

        assertThat(bound.seconds()).isEqualTo(1900 / 45.0 + 400 / 40.0 + 200 / 42.0 + 1000 / 50.0, within(1e-9));
        assertThat(bound.unbounded()).isEqualTo(2);
        assertThat(bound.ratio(bound.seconds() * 1.1)).isEqualTo(1.1, within(1e-9));
    }

    @Test
    void shouldLeaveAKindWithoutAMeasuredRateOutOfTheBoundAndCountIt() {
        ServerBound bound = ServerBound.of(Map.of(RequestKind.GET, 100L, RequestKind.PUT, 7L), Map.of(RequestKind.GET, 50.0));

        assertThat(bound.seconds()).isEqualTo(2.0, within(1e-9));
        assertThat(bound.unbounded()).isEqualTo(7);
    }

    @Test
    void shouldTakeTheBestRateOfAKindOverItsConcurrencies() {
        TreeMap<Integer, Double> post = new TreeMap<>(Map.of(1, 36.0, 2, 41.0, 4, 45.0, 8, 44.0));
        TreeMap<Integer, Double> put = new TreeMap<>(Map.of(1, Double.NaN, 2, 30.0));

        assertThat(new ServerCapacity.Table(Map.of(RequestKind.POST, post, RequestKind.PUT, put)).best())
                .containsEntry(RequestKind.POST, 45.0).containsEntry(RequestKind.PUT, 30.0);
        assertThat(ServerCapacity.concurrencies(8)).containsExactly(1, 2, 4, 8);
        assertThat(ServerCapacity.concurrencies(6)).containsExactly(1, 2, 4, 6);
        assertThat(ServerCapacity.concurrencies(1)).containsExactly(1);
    }

    @Test
    void shouldTakeTheMiddleRunAsTheMedian() {
        assertThat(SideBySideReport.median(new double[] {287, 262, 311})).isEqualTo(287);
        assertThat(SideBySideReport.median(new double[] {4, 2})).isEqualTo(3);
        assertThat(SideBySideReport.median(new double[0])).isNaN();
    }
}
