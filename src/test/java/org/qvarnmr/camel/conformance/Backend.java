package org.qvarnmr.camel.conformance;

import java.util.Locale;
import java.util.Optional;

/**
 * The storage backend behind the target Qvarn, where Qvarn 0.82's answers depend on it. Tests that pin
 * one backend's answer carry its tag ({@code sqlite-backend}, {@code postgres-backend}) and run only
 * against that backend; the embedded Qvarn follows SQLite. Another Qvarn names its backend with
 * {@code -Dqvarn.backend=sqlite|postgres}; without it, both kinds of test are skipped with a reason.
 */
enum Backend {
    SQLITE("sqlite-backend"),
    POSTGRES("postgres-backend");

    private final String tag;

    Backend(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    /** The backend the system properties name; SQLite's behaviour for the embedded server; empty if unknown. */
    static Optional<Backend> ofTarget() {
        String named = System.getProperty("qvarn.backend", "").strip().toLowerCase(Locale.ROOT);
        if (named.isEmpty()) {
            return System.getProperty("qvarn.url", "").isBlank() ? Optional.of(SQLITE) : Optional.empty();
        }
        return switch (named) {
            case "sqlite" -> Optional.of(SQLITE);
            case "postgres", "postgresql" -> Optional.of(POSTGRES);
            default -> throw new IllegalStateException("-Dqvarn.backend must be sqlite or postgres, got '" + named + "'");
        };
    }

    static Optional<Backend> ofTag(String tag) {
        for (Backend b : values()) {
            if (b.tag.equals(tag)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
