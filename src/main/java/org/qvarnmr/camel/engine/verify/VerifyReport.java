package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What {@code verify} found, per target in the order the bindings name them. */
public record VerifyReport(List<TargetDrift> targets) {
    public VerifyReport {
        targets = List.copyOf(targets);
    }

    /** Whether every target is exactly what its handlers compute. */
    public boolean clean() {
        return targets.stream().allMatch(TargetDrift::clean);
    }

    /** Drifted rows in all targets. */
    public long drifted() {
        return targets.stream().mapToLong(TargetDrift::drifted).sum();
    }

    /** Targets with drifted rows. */
    public long targetsWithDrift() {
        return targets.stream().filter(t -> t.drifted() > 0).count();
    }

    /** Sources and keys left unchecked because a handler failed on them. */
    public long failed() {
        return targets.stream().mapToLong(t -> t.count(Drift.FAILED)).sum();
    }

    /**
     * The JSON report: {@code clean}, {@code drifted}, and per target its counts per kind and the first
     * {@value TargetDrift#EXAMPLES} drifted rows.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("clean", clean());
        json.put("drifted", drifted());
        json.put("examplesPerTarget", TargetDrift.EXAMPLES);
        ArrayNode list = json.putArray("targets");
        targets.forEach(t -> list.add(t.toJson()));
        return json;
    }
}
