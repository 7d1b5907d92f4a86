package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * Random creates, updates, key moves and deletes over orgs and reports, with worker passes in between;
 * afterwards the derived data must equal a from-scratch map/reduce computed here. The seed is in the
 * test name and in every failure message.
 */
class ModelBasedTest {
    private static final String BINDINGS = WorkerFixture.README_BINDINGS + """
            org_countries__map:
              orgs: {type: map, version: 1, handler: {item: {key: country}}}
            org_countries:
              org_countries__map: {type: reduce, version: 1, handler: count}
            """;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261127L})
    void derivedDataShouldEqualAFromScratchComputation(long seed) throws Exception {
        try (WorkerFixture qvarn = startWithCountries()) {
            Random random = new Random(seed);
            Map<String, String> orgCountry = new HashMap<>();
            Map<String, String> reportOrg = new HashMap<>();
            for (int round = 0; round < 4; round++) {
                randomChanges(qvarn, random, orgCountry, reportOrg, 25);
                assertThat(qvarn.runOnce(BINDINGS)).as("seed %d round %d", seed, round).isZero();
            }
            check(qvarn, seed, orgCountry, reportOrg);
        }
    }

    /** An embedded Qvarn with the README's types and the org_countries pair. */
    private static WorkerFixture startWithCountries() throws Exception {
        return WorkerFixture.start(WorkerFixture.derivedType("org_countries__map", false),
                WorkerFixture.derivedType("org_countries", true, "_mr_value: 0"));
    }

    /** {@code n} random creates, updates, key moves and deletes of orgs and reports, recorded in the two maps. */
    private static void randomChanges(WorkerFixture qvarn, Random random, Map<String, String> orgCountry,
                                      Map<String, String> reportOrg, int n) throws Exception {
        String[] countries = {"FI", "SE", "NO"};
        for (int op = 0; op < n; op++) {
            List<String> orgs = new ArrayList<>(orgCountry.keySet());
            List<String> reports = new ArrayList<>(reportOrg.keySet());
            int kind = random.nextInt(10);
            if (kind < 3 || orgs.isEmpty()) {
                String c = countries[random.nextInt(3)];
                orgCountry.put(qvarn.create("orgs", "{\"country\": \"" + c + "\"}"), c);
            } else if (kind < 6) {
                String org = orgs.get(random.nextInt(orgs.size()));
                reportOrg.put(qvarn.create("reports", "{\"org\": \"" + org + "\"}"), org);
            } else if (kind < 8 && !reports.isEmpty()) {
                String r = reports.get(random.nextInt(reports.size()));
                String org = orgs.get(random.nextInt(orgs.size()));
                qvarn.update("reports", r, "{\"org\": \"" + org + "\"}");
                reportOrg.put(r, org);
            } else if (kind == 8 && !reports.isEmpty()) {
                String r = reports.get(random.nextInt(reports.size()));
                qvarn.delete("reports", r);
                reportOrg.remove(r);
            } else {
                String org = orgs.get(random.nextInt(orgs.size()));
                String c = countries[random.nextInt(3)];
                if (random.nextBoolean()) {
                    qvarn.update("orgs", org, "{\"country\": \"" + c + "\"}");
                    orgCountry.put(org, c);
                } else {
                    qvarn.delete("orgs", org);
                    orgCountry.remove(org);
                }
            }
        }
    }

    private static void check(WorkerFixture qvarn, long seed, Map<String, String> orgCountry,
                              Map<String, String> reportOrg) {
        String why = "seed " + seed;
        Map<String, Integer> expectedCounts = new TreeMap<>();
        reportOrg.values().forEach(org -> expectedCounts.merge(org, 1, Integer::sum));
        assertThat(counts(qvarn, "reports_counts")).as(why + ": reports_counts").isEqualTo(expectedCounts);

        Map<String, Integer> expectedCountries = new TreeMap<>();
        orgCountry.values().forEach(c -> expectedCountries.merge(c, 1, Integer::sum));
        assertThat(counts(qvarn, "org_countries")).as(why + ": org_countries").isEqualTo(expectedCountries);

        // company_reports: one row per key that has an org or a report pointing at it.
        Set<String> joinKeys = new HashSet<>(orgCountry.keySet());
        joinKeys.addAll(reportOrg.values());
        Map<String, ObjectNode> joined = qvarn.byKey("company_reports");
        assertThat(joined.keySet()).as(why + ": company_reports keys").isEqualTo(joinKeys);
        joined.forEach((key, row) -> {
            assertThat(MrFields.text(row, "org_id")).as(why + ": org_id of " + key)
                    .isEqualTo(orgCountry.containsKey(key) ? key : null);
            String report = MrFields.text(row, "report_id");
            if (reportOrg.containsValue(key)) {
                assertThat(reportOrg.get(report)).as(why + ": report_id of " + key).isEqualTo(key);
            } else {
                assertThat(report).as(why + ": report_id of " + key).isNull();
            }
        });
        for (String mapType : List.of("company_reports__map", "reports_counts__map", "org_countries__map")) {
            assertThat(qvarn.rows(mapType)).as(why + ": no marked rows left in " + mapType)
                    .noneMatch(r -> QvarnValues.isTrue(r.get("_mr_deleted")));
        }
        assertThat(qvarn.rows("reports_counts__map")).as(why + ": one map row per report").hasSize(reportOrg.size());
    }

    private static Map<String, Integer> counts(WorkerFixture qvarn, String type) {
        Map<String, Integer> counts = new TreeMap<>();
        qvarn.byKey(type).forEach((k, row) -> counts.put(k, row.get("_mr_value").asInt()));
        return counts;
    }

    /**
     * A real replay: the first run performs every map and reduce write, but every notification DELETE fails
     * (not performed), as for a worker killed after its writes and before its acknowledgements; it gives up
     * once the keep-alive timeout has passed. The second run gets exactly the same notifications (same ids) and must leave the derived
     * data as it is: no write at all, no duplicate row, equal to a from-scratch computation.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 2026L})
    void shouldConvergeWhenTheSameNotificationsAreProcessedTwice(long seed) throws Exception {
        try (WorkerFixture qvarn = startWithCountries()) {
            Random random = new Random(seed);
            Map<String, String> orgCountry = new HashMap<>();
            Map<String, String> reportOrg = new HashMap<>();
            randomChanges(qvarn, random, orgCountry, reportOrg, 20);
            assertThat(qvarn.runOnce(BINDINGS)).isZero();
            randomChanges(qvarn, random, orgCountry, reportOrg, 40);
            Set<String> announced = pendingNotifications(qvarn);
            assertThat(announced).as("seed %d: changes to process", seed).isNotEmpty();

            qvarn.server().faults().failEvery(503, request -> request.matches("DELETE /\\w+/listeners/\\{lid}/notifications/\\{nid}"));
            // In process the run gives up by throwing the outage (the command line turns it into exit 3).
            assertThatThrownBy(() -> qvarn.runOnce(BINDINGS, "qvarnmr.keep-alive-timeout=1",
                    "qvarnmr.keep-alive-update-interval=0.5", "qvarnmr.retry.delay=50ms"))
                    .as("seed %d: first run, no acknowledgement", seed)
                    .isInstanceOf(QvarnUnavailableException.class).hasMessageContaining("DELETE /");
            qvarn.server().faults().clear();
            assertThat(pendingNotifications(qvarn)).as("seed %d: the same notifications wait", seed).isEqualTo(announced);
            check(qvarn, seed, orgCountry, reportOrg);
            Map<String, ObjectNode> countsBefore = qvarn.byKey("reports_counts");

            qvarn.server().stats().reset();
            assertThat(qvarn.runOnce(BINDINGS)).as("seed %d: the replay", seed).isZero();

            assertThat(pendingNotifications(qvarn)).as("seed %d: all acknowledged", seed).isEmpty();
            assertThat(qvarn.server().stats().snapshot()).as("seed %d: the replay read them all again", seed)
                    .hasEntrySatisfying("GET /reports/listeners/{lid}/notifications/{nid}", n -> assertThat(n).isPositive());
            assertThat(derivedWrites(qvarn)).as("seed %d: the replay wrote nothing", seed).isEmpty();
            check(qvarn, seed, orgCountry, reportOrg);
            assertThat(qvarn.byKey("reports_counts")).as("seed %d: reduce rows untouched", seed).isEqualTo(countsBefore);
        }
    }

    private static Set<String> pendingNotifications(WorkerFixture qvarn) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode l : qvarn.rows("qvarnmr_listeners")) {
            ids.addAll(qvarn.client().listNotificationIds(l.get("resource_type").asText(), l.get("listener_id").asText()));
        }
        return ids;
    }

    /** Requests that wrote a derived row (POST, PUT, DELETE on a map or reduce type), with their counts. */
    private static Map<String, Long> derivedWrites(WorkerFixture qvarn) {
        Map<String, Long> writes = new TreeMap<>();
        qvarn.server().stats().snapshot().forEach((request, n) -> {
            if (request.matches("(POST|PUT|DELETE) /(company_reports|reports_counts|org_countries)\\S*")) {
                writes.put(request, n);
            }
        });
        return writes;
    }
}
