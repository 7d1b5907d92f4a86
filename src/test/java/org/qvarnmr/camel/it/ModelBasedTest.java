package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.it.reliability.DerivedModel;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * Random creates, updates, key moves and deletes over orgs and reports, with worker passes in between;
 * afterwards the derived data must equal the from-scratch computation of {@link DerivedModel}. The seed
 * is in the test name and in every failure message.
 */
class ModelBasedTest {
    private static final String BINDINGS = Bindings.README_BINDINGS + DerivedModel.COUNTRY_BINDINGS;
    private static final String COUNTRIES_MAP_TYPE = """
            path: /org_countries__map
            type: org_countries__map
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', _mr_key: '', _mr_version: 0, _mr_source_id: '',
                          _mr_source_type: '', _mr_deleted: false, _mr_value: ''}
            """;
    private static final String COUNTRIES_TYPE = """
            path: /org_countries
            type: org_countries
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', _mr_key: '', _mr_version: 0, _mr_timestamp: 0, _mr_value: 0}
            """;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261127L})
    void derivedDataShouldEqualAFromScratchComputation(long seed) throws Exception {
        try (QvarnMrHarness qvarn = startWithCountries()) {
            Random random = new Random(seed);
            DerivedModel model = DerivedModel.withCountries();
            for (int round = 0; round < 4; round++) {
                randomChanges(qvarn.client(), random, model, 25);
                assertThat(qvarn.bindingsYaml(BINDINGS).runWorker()).as("seed %d round %d", seed, round).isZero();
            }
            assertThat(model.differences(qvarn.client())).as("seed %d", seed).isEmpty();
        }
    }

    /** An embedded Qvarn with the README's types and the org_countries pair. */
    private static QvarnMrHarness startWithCountries() throws Exception {
        return TestQvarn.builder().resourceTypeYaml(COUNTRIES_MAP_TYPE).resourceTypeYaml(COUNTRIES_TYPE).start();
    }

    /** {@code n} random creates, updates, key moves and deletes of orgs and reports, through the model. */
    private static void randomChanges(QvarnClient qvarn, Random random, DerivedModel model, int n) {
        String[] countries = {"FI", "SE", "NO"};
        for (int op = 0; op < n; op++) {
            List<String> orgs = model.orgs();
            List<String> reports = model.reports();
            int kind = random.nextInt(10);
            if (kind < 3 || orgs.isEmpty()) {
                model.createOrg(qvarn, countries[random.nextInt(3)]);
            } else if (kind < 6) {
                model.createReport(qvarn, orgs.get(random.nextInt(orgs.size())));
            } else if (kind < 8 && !reports.isEmpty()) {
                model.moveReport(qvarn, reports.get(random.nextInt(reports.size())), orgs.get(random.nextInt(orgs.size())));
            } else if (kind == 8 && !reports.isEmpty()) {
                model.deleteReport(qvarn, reports.get(random.nextInt(reports.size())));
            } else {
                String org = orgs.get(random.nextInt(orgs.size()));
                String c = countries[random.nextInt(3)];
                if (random.nextBoolean()) {
                    model.moveOrg(qvarn, org, c);
                } else {
                    model.deleteOrg(qvarn, org);
                }
            }
        }
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
        try (QvarnMrHarness qvarn = startWithCountries()) {
            Random random = new Random(seed);
            DerivedModel model = DerivedModel.withCountries();
            randomChanges(qvarn.client(), random, model, 20);
            assertThat(qvarn.bindingsYaml(BINDINGS).runWorker()).isZero();
            randomChanges(qvarn.client(), random, model, 40);
            Set<String> announced = pendingNotifications(qvarn);
            assertThat(announced).as("seed %d: changes to process", seed).isNotEmpty();

            qvarn.server().faults().failEvery(503, request -> request.matches("DELETE /\\w+/listeners/\\{lid}/notifications/\\{nid}"));
            // In process the run gives up by throwing the outage (the command line turns it into exit 3).
            assertThatThrownBy(() -> qvarn.runWorker("qvarnmr.keep-alive-timeout=1",
                    "qvarnmr.keep-alive-update-interval=0.5", "qvarnmr.retry.delay=50ms"))
                    .as("seed %d: first run, no acknowledgement", seed)
                    .isInstanceOf(QvarnUnavailableException.class).hasMessageContaining("DELETE /");
            qvarn.server().faults().clear();
            assertThat(pendingNotifications(qvarn)).as("seed %d: the same notifications wait", seed).isEqualTo(announced);
            assertThat(model.differences(qvarn.client())).as("seed %d: after the first run", seed).isEmpty();
            Map<String, ObjectNode> countsBefore = qvarn.derivedByKey("reports_counts");

            qvarn.server().stats().reset();
            assertThat(qvarn.runWorker()).as("seed %d: the replay", seed).isZero();

            assertThat(pendingNotifications(qvarn)).as("seed %d: all acknowledged", seed).isEmpty();
            assertThat(qvarn.server().stats().snapshot()).as("seed %d: the replay read them all again", seed)
                    .hasEntrySatisfying("GET /reports/listeners/{lid}/notifications/{nid}", n -> assertThat(n).isPositive());
            assertThat(DerivedModel.derivedWrites(qvarn.server())).as("seed %d: the replay wrote nothing", seed).isEmpty();
            assertThat(model.differences(qvarn.client())).as("seed %d: after the replay", seed).isEmpty();
            assertThat(qvarn.derivedByKey("reports_counts")).as("seed %d: reduce rows untouched", seed).isEqualTo(countsBefore);
        }
    }

    private static Set<String> pendingNotifications(QvarnMrHarness qvarn) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode l : qvarn.derived("qvarnmr_listeners")) {
            ids.addAll(qvarn.client().listNotificationIds(l.get("resource_type").asText(), l.get("listener_id").asText()));
        }
        return ids;
    }
}
