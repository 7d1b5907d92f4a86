package org.qvarnmr.camel.qvarn.client;

/** A secret value (client secret, token) that never prints itself. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value == null ? "" : value);
    }

    /** The clear text, for the one place that must send it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "****";
    }
}
