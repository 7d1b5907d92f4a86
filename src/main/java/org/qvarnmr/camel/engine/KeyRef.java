package org.qvarnmr.camel.engine;

/** One key of one map target, to be reduced by the reduce handler that reads that map target. */
public record KeyRef(String mapTarget, String key) {
    @Override
    public String toString() {
        return mapTarget + "[" + key + "]";
    }
}
