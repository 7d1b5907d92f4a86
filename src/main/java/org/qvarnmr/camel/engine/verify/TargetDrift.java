package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The drift found in one target: a count per {@link Drift} kind, and the first {@value #EXAMPLES} drifted
 * rows in full (the counts stay exact; only the examples are bounded). Filled from the check's threads.
 */
public final class TargetDrift {
    /** Drifted rows kept in full per target, for the JSON report. */
    public static final int EXAMPLES = 100;

    private final String target;
    private final boolean reduce;
    private final List<String> sources;
    private final Map<Drift, Long> counts = new EnumMap<>(Drift.class);
    private final List<DriftRow> examples = new ArrayList<>();
    private long checked;
    private long rows;

    /**
     * @param reduce  whether the target is a reduce target (checked per key) or a map target (per source)
     * @param sources the types it is computed from: a map target's sources, a reduce target's map target
     */
    TargetDrift(String target, boolean reduce, List<String> sources) {
        this.target = target;
        this.reduce = reduce;
        this.sources = List.copyOf(sources);
        for (Drift d : Drift.values()) {
            counts.put(d, 0L);
        }
    }

    public String target() {
        return target;
    }

    /** Counts {@code units} more sources (map) or keys (reduce) checked, and {@code found} stored rows read. */
    synchronized void checked(long units, long found) {
        checked += units;
        rows += found;
    }

    synchronized void add(DriftRow row) {
        counts.merge(row.kind(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(row);
        }
    }

    public synchronized long count(Drift kind) {
        return counts.get(kind);
    }

    /** Rows that drifted, of every kind but {@link Drift#FAILED}. */
    public synchronized long drifted() {
        return counts.entrySet().stream().filter(e -> e.getKey() != Drift.FAILED).mapToLong(Map.Entry::getValue).sum();
    }

    /** Whether this target is exactly what its handler computes (nothing drifted, nothing left unchecked). */
    public synchronized boolean clean() {
        return drifted() == 0 && counts.get(Drift.FAILED) == 0;
    }

    /**
     * One line: {@code reports_counts (reduce of reports_counts__map): 3 keys, 3 rows: 2 drifted (1 missing,
     * 1 wrong)}, or {@code ...: no drift}.
     */
    public synchronized String summary() {
        StringBuilder line = new StringBuilder(target).append(" (").append(reduce ? "reduce" : "map").append(" of ")
                .append(String.join(", ", sources)).append("): ")
                .append(plural(checked, reduce ? "key" : "source")).append(", ").append(plural(rows, "row"))
                .append(": ");
        long drifted = drifted();
        if (drifted == 0) {
            line.append("no drift");
        } else {
            StringJoiner kinds = new StringJoiner(", ", " (", ")");
            counts.forEach((kind, n) -> {
                if (kind != Drift.FAILED && n > 0) {
                    kinds.add(n + " " + kind.label());
                }
            });
            line.append(drifted).append(" drifted").append(kinds);
        }
        long failed = counts.get(Drift.FAILED);
        if (failed > 0) {
            line.append("; ").append(plural(failed, reduce ? "key" : "source"))
                    .append(" not checked: the handler failed (the log says why)");
        }
        return line.toString();
    }

    synchronized ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("target", target);
        json.put("type", reduce ? "reduce" : "map");
        ArrayNode from = json.putArray("sources");
        sources.forEach(from::add);
        json.put(reduce ? "keys" : "sourcesChecked", checked);
        json.put("rows", rows);
        json.put("drifted", drifted());
        ObjectNode byKind = json.putObject("counts");
        counts.forEach((kind, n) -> byKind.put(kind.label(), n));
        ArrayNode shown = json.putArray("examples");
        examples.forEach(row -> shown.add(row.toJson()));
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        json.put("examplesLeftOut", all - examples.size());
        return json;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
