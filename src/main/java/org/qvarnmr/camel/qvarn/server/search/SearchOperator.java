package org.qvarnmr.camel.qvarn.server.search;

import java.util.Locale;

/** The 0.82 comparison operators of a search condition (section 5.1). */
enum SearchOperator {
    EXACT, NE, GT, GE, LT, LE, STARTSWITH, CONTAINS;

    /** The operator named by a URL word, or null. */
    static SearchOperator fromWord(String word) {
        for (SearchOperator op : values()) {
            if (op.name().toLowerCase(Locale.ROOT).equals(word)) {
                return op;
            }
        }
        return null;
    }

    boolean isLike() {
        return this == STARTSWITH || this == CONTAINS;
    }

    /** Applies the operator to the result of comparing column and value. */
    boolean accepts(int comparison) {
        return switch (this) {
            case EXACT -> comparison == 0;
            case NE -> comparison != 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case STARTSWITH, CONTAINS -> throw new IllegalStateException("LIKE operators do not compare");
        };
    }
}
