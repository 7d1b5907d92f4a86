package org.qvarnmr.camel.bench;

import org.qvarnmr.camel.qvarn.server.LatencyModel;

/** The server latency presets the benchmark offers for its embedded Qvarn. */
public enum LatencyPreset {
    NONE("none", LatencyModel.NONE),
    /** Calibrated from the real Qvarn 0.82's access log on an otherwise idle machine (docs/benchmark.md). */
    QVARN_082_POSTGRES("qvarn-0.82-postgres", LatencyModel.QVARN_082_POSTGRES),
    /** The first, uncalibrated model, kept to compare with: it overstated the speed more than twofold. */
    QVARN_082_POSTGRES_OLD("qvarn-0.82-postgres-old", LatencyModel.QVARN_082_POSTGRES_OLD);

    private final String label;
    private final LatencyModel model;

    LatencyPreset(String label, LatencyModel model) {
        this.label = label;
        this.model = model;
    }

    public String label() {
        return label;
    }

    LatencyModel model() {
        return model;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static LatencyPreset parse(String text) {
        for (LatencyPreset p : values()) {
            if (p.label.equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected none, qvarn-0.82-postgres or qvarn-0.82-postgres-old, got '"
                + text + "'");
    }
}
