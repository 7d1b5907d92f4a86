package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qvarnmr.camel.qvarn.server.Faults;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * One write of each shape the worker sends is performed by Qvarn but its answer goes wrong: the connection
 * closes without an answer ({@code lost}), or a 503 replaces it ({@code 503}). The retried request then
 * meets the write already done: a POST would create a second row, a PUT meets a new revision, a DELETE
 * meets 404. However it recovers, the run that met the fault must leave the derived data equal to a
 * from-scratch computation, with no duplicate map or reduce row, no notification left and no dead letter;
 * a second run then writes nothing.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class AmbiguousFailureTest {
    private QvarnMrHarness qvarn;

    private final DerivedModel model = new DerivedModel();

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "POST,   /reports_counts__map,                          lost",
        "POST,   /reports_counts__map,                          503",
        "PUT,    /reports_counts__map/{id},                     lost",
        "PUT,    /reports_counts__map/{id},                     503",
        "DELETE, /reports_counts__map/{id},                     lost",
        "DELETE, /reports_counts__map/{id},                     503",
        "POST,   /company_reports__map,                         lost",
        "POST,   /reports_counts,                               lost",
        "POST,   /reports_counts,                               503",
        "PUT,    /reports_counts/{id},                          lost",
        "PUT,    /reports_counts/{id},                          503",
        "DELETE, /reports_counts/{id},                          lost",
        "DELETE, /reports_counts/{id},                          503",
        "PUT,    /company_reports/{id},                         lost",
        "DELETE, /reports/listeners/{lid}/notifications/{nid},  lost",
        "DELETE, /reports/listeners/{lid}/notifications/{nid}, 503",
        "PUT,    /qvarnmr_listeners/{id},                       lost",
        "PUT,    /qvarnmr_listeners/{id},                       503",
    })
    void shouldConvergeWhenAPerformedWritesAnswerIsLost(String method, String route, String kind) throws Exception {
        String a = model.createOrg(qvarn.client());
        String b = model.createOrg(qvarn.client());
        String moved = model.createReport(qvarn.client(), a);
        String deleted = model.createReport(qvarn.client(), a);
        model.createReport(qvarn.client(), b);
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();
        assertThat(model.differences(qvarn.client())).as("converged before the fault").isEmpty();
        // Every shape at once: a new key (POST map and reduce rows), a key moved (PUT mark, PUT reduce),
        // a key left empty (DELETE reduce row), marked rows deleted, notifications acknowledged.
        String c = model.createOrg(qvarn.client());
        model.createReport(qvarn.client(), c);
        model.moveReport(qvarn.client(), moved, b);
        model.deleteReport(qvarn.client(), deleted);
        model.moveReport(qvarn.client(), model.createReport(qvarn.client(), a), c);
        runWithTheFault(method, route, kind);
    }

    /**
     * The rows that leave their key when another change of the batch anchors it: the in-place move PUT and
     * the immediate DELETE of a removed source's row (no POST, no mark) are the first requests of their
     * shape, and their answers go wrong. The retry maps the source again from fresh reads.
     */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "PUT,    /reports_counts__map/{id},   lost",
        "PUT,    /reports_counts__map/{id},   503",
        "DELETE, /reports_counts__map/{id},   lost",
        "DELETE, /reports_counts__map/{id},   503",
        "PUT,    /company_reports__map/{id},  lost",
        "DELETE, /company_reports__map/{id},  lost",
    })
    void shouldConvergeWhenAnAnchoredMoveOrRemovalsAnswerIsLost(String method, String route, String kind)
            throws Exception {
        String a = model.createOrg(qvarn.client());
        String b = model.createOrg(qvarn.client());
        String moved = model.createReport(qvarn.client(), a);
        String deleted = model.createReport(qvarn.client(), a);
        String staying = model.createReport(qvarn.client(), a);
        model.createReport(qvarn.client(), b);
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();
        // A new revision of a report that stays in a, with the same rows: it anchors a, writing nothing.
        model.moveReport(qvarn.client(), staying, a);
        model.moveReport(qvarn.client(), moved, b);
        model.deleteReport(qvarn.client(), deleted);
        qvarn.server().stats().reset();

        runWithTheFault(method, route, kind);

        String target = route.replace("/{id}", "");
        assertThat(qvarn.server().stats().count("POST", target)).as("no new row: the move was in place").isZero();
        assertThat(qvarn.server().stats().count("PUT", target + "/{id}")).as("one PUT: the move, no mark").isEqualTo(1);
    }

    /**
     * A chain of moves: a -> b is anchored by a report staying in a and goes in the first wave; b -> c is
     * anchored only by the row that move brings into b, so it waits for the second wave. The first wave's
     * PUT is performed and its answer goes wrong, so that try fails and anchors nothing. The error policy
     * redelivers it: mapped again from fresh reads, the row is found in b already, the change succeeds and
     * anchors b after all, so b -> c still moves in place; and everything converges.
     */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "PUT,    /reports_counts__map/{id},   lost",
        "PUT,    /reports_counts__map/{id},   503",
        "PUT,    /company_reports__map/{id},  lost",
    })
    void shouldConvergeWhenTheFirstWavesMoveAnswerIsLost(String method, String route, String kind) throws Exception {
        String a = model.createOrg(qvarn.client());
        String b = model.createOrg(qvarn.client());
        String c = model.createOrg(qvarn.client());
        String staying = model.createReport(qvarn.client(), a);
        String first = model.createReport(qvarn.client(), a);
        String second = model.createReport(qvarn.client(), b);
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();
        model.moveReport(qvarn.client(), staying, a);
        model.moveReport(qvarn.client(), first, b);
        model.moveReport(qvarn.client(), second, c);
        qvarn.server().stats().reset();

        runWithTheFault(method, route, kind);

        String target = route.replace("/{id}", "");
        assertThat(qvarn.server().stats().count("POST", target)).as("no new row: both moves in place").isZero();
        assertThat(qvarn.server().stats().count("PUT", target + "/{id}")).as("one PUT per move").isEqualTo(2);
    }

    private void runWithTheFault(String method, String route, String kind) throws Exception {
        Faults faults = qvarn.server().faults();
        if (kind.equals("lost")) {
            faults.loseReplyMatching(method, route, 0, 1);
        } else {
            faults.failAfterPerformingMatching(method, route, 0, 1, 503);
        }

        int exit = qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.keep-alive-update-interval=0.1");

        assertThat(faults.injected()).as("the aimed write was performed and its answer went wrong").isEqualTo(1);
        assertThat(exit).isZero();
        // The run that met the fault finishes the work itself: nothing is left for a next run to mend.
        assertThat(model.differences(qvarn.client())).as("derived data after the run that met the fault").isEmpty();
        assertThat(DerivedModel.pending(qvarn.client(), null)).as("pending notifications after that run").isZero();
        assertThat(qvarn.deadLetters()).as("dead letters").isEmpty();
        Map<String, Long> written = DerivedModel.derivedWrites(qvarn.server());

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).as("a second run").isZero();
        assertThat(DerivedModel.derivedWrites(qvarn.server())).as("a second run writes no derived row").isEqualTo(written);
    }

}
