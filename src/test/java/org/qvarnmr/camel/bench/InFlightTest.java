package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.bench.InFlight.Phase;

class InFlightTest {
    @Test
    void shouldTellThePhasesApartByMethodAndRoute() {
        assertThat(Phase.of("GET /reports/listeners/{lid}/notifications")).isEqualTo(Phase.NOTIFICATION_READS);
        assertThat(Phase.of("GET /reports/listeners/{lid}/notifications/{nid}")).isEqualTo(Phase.NOTIFICATION_READS);
        assertThat(Phase.of("DELETE /reports/listeners/{lid}/notifications/{nid}")).isEqualTo(Phase.NOTIFICATION_DELETES);
        assertThat(Phase.of("POST /reports/listeners")).isEqualTo(Phase.STATE);
        assertThat(Phase.of("GET /reports/{id}")).isEqualTo(Phase.READS_BY_ID);
        assertThat(Phase.of("POST /company_reports__map")).isEqualTo(Phase.MAP_ROW_WRITES);
        assertThat(Phase.of("DELETE /company_reports__map/{id}")).isEqualTo(Phase.MAP_ROW_WRITES);
        assertThat(Phase.of("GET /company_reports__map/search")).isEqualTo(Phase.SEARCHES);
        assertThat(Phase.of("PUT /reports_counts/{id}")).isEqualTo(Phase.REDUCE_WRITES);
        assertThat(Phase.of("PUT /qvarnmr_listeners/{id}")).isEqualTo(Phase.STATE);
        assertThat(Phase.of("POST /auth/token")).isEqualTo(Phase.STATE);
    }

    @Test
    void shouldDivideTheBusyTimeByTheTimeThePhaseHadAnyRequestInFlight() {
        InFlight inFlight = new InFlight();
        // two overlapping requests over 0..4 (4 + 2 busy over 4 active), then one alone over 10..12
        inFlight.record(Phase.MAP_ROW_WRITES, 4_000_000_000L, 4_000_000_000L);
        inFlight.record(Phase.MAP_ROW_WRITES, 3_000_000_000L, 2_000_000_000L);
        inFlight.record(Phase.MAP_ROW_WRITES, 12_000_000_000L, 2_000_000_000L);

        assertThat(inFlight.rows()).singleElement().satisfies(row -> {
            assertThat(row.requests()).isEqualTo(3);
            assertThat(row.busySeconds()).isEqualTo(8.0);
            assertThat(row.activeSeconds()).isEqualTo(6.0);
            assertThat(row.mean()).isEqualTo(8.0 / 6.0);
        });
    }

    @Test
    void shouldSeeTheRequestsTheWorkersTimerRecords() {
        InFlight inFlight = new InFlight();
        Timer timer = Timer.builder("qvarnmr.qvarn.requests").tag("route", "DELETE /reports/listeners/{lid}/notifications/{nid}")
                .tag("status", "200").register(inFlight.registry());

        timer.record(5, TimeUnit.MILLISECONDS);
        timer.record(7, TimeUnit.MILLISECONDS);

        assertThat(inFlight.rows()).singleElement().satisfies(row -> {
            assertThat(row.phase()).isEqualTo(Phase.NOTIFICATION_DELETES);
            assertThat(row.requests()).isEqualTo(2);
            assertThat(row.busySeconds()).isEqualTo(0.012);
        });
    }
}
