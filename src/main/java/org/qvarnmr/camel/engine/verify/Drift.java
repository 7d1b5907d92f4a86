package org.qvarnmr.camel.engine.verify;

import java.util.Locale;

/**
 * The ways a derived row can differ from what its handler computes from the sources. Each drifted row
 * counts once, as the first kind that applies in this order.
 */
public enum Drift {
    /** A row the handler computes is not there (a map pair, or the reduce row of a key with live map rows). */
    MISSING,
    /** A row no handler computes: its source is gone, its source no longer emits it, or its key has no live map rows. */
    EXTRA,
    /** A second (third, ...) row of one source and key, or of one reduce key. */
    DUPLICATE,
    /** A row whose content (or, for a map row, key) differs from what the handler computes. */
    WRONG,
    /** A row that says what the handler computes but carries another {@code _mr_version}. */
    STALE,
    /** A map row left marked {@code _mr_deleted}: it waits for a reduce of its key that never came. */
    MARKED,
    /** Not checked: the handler failed on this source or key (the report and the log say why). */
    FAILED;

    /** The name in the summary line and the JSON report: {@code missing}, {@code extra}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
