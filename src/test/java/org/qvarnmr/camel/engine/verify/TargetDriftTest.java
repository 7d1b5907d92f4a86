package org.qvarnmr.camel.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary line and the JSON of one target: exact counts, bounded examples. */
class TargetDriftTest {
    @Test
    void shouldSayNoDriftInOneLine() {
        TargetDrift drift = new TargetDrift("counts", true, List.of("counts__map"));
        drift.checked(1, 1);

        assertThat(drift.clean()).isTrue();
        assertThat(drift.summary()).isEqualTo("counts (reduce of counts__map): 1 key, 1 row: no drift");
    }

    @Test
    void shouldCountEveryRowButKeepOnlyTheFirstExamples() {
        TargetDrift drift = new TargetDrift("counts__map", false, List.of("orgs", "reports"));
        drift.checked(200, 150);
        for (int i = 0; i < 150; i++) {
            drift.add(new DriftRow(i < 149 ? Drift.MISSING : Drift.STALE, null, "reports/" + i, "k", null, null, null));
        }
        drift.add(new DriftRow(Drift.FAILED, null, "reports/x", null, null, null, "boom"));

        ObjectNode json = drift.toJson();

        assertThat(drift.drifted()).isEqualTo(150);
        assertThat(drift.summary()).isEqualTo("counts__map (map of orgs, reports): 200 sources, 150 rows: 150 drifted "
                + "(149 missing, 1 stale); 1 source not checked: the handler failed (the log says why)");
        assertThat(json.get("counts").get("missing").asLong()).isEqualTo(149);
        assertThat(json.get("examples")).hasSize(TargetDrift.EXAMPLES);
        assertThat(json.get("examplesLeftOut").asLong()).isEqualTo(51);
    }
}
