package org.qvarnmr.camel.qvarn.server.search;

import java.math.BigDecimal;
import java.util.Locale;
import org.qvarnmr.camel.qvarn.server.store.SearchIndex;
import org.qvarnmr.camel.qvarn.server.store.SearchRow;
import org.qvarnmr.camel.qvarn.server.store.StringRange;

/**
 * One {@code OP/FIELD/VALUE} condition with 0.82's value typing (section 5.2): the value is
 * lower-cased, {@code true}/{@code false} become booleans, string columns compare lower-cased,
 * integer and boolean columns compare numerically, and a null or empty field never matches.
 */
final class SearchCondition implements SearchIndex.Bound {
    private final SearchOperator operator;
    private final String field;
    private final String text;
    private final Boolean bool;
    private final BigDecimal number;
    private final Long exactLong;
    private final LikePattern textLike;
    private final LikePattern numberLike;

    SearchCondition(SearchOperator operator, String field, String value) {
        this.operator = operator;
        this.field = field;
        this.text = value.toLowerCase(Locale.ROOT);
        this.bool = "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
        this.number = bool != null ? BigDecimal.valueOf(bool ? 1 : 0) : parseNumber(text);
        this.exactLong = longValue(number);
        if (operator.isLike()) {
            boolean contains = operator == SearchOperator.CONTAINS;
            this.textLike = LikePattern.of(text, contains);
            this.numberLike = bool == null ? textLike : LikePattern.of(bool ? "1" : "0", contains);
        } else {
            this.textLike = null;
            this.numberLike = null;
        }
    }

    @Override
    public String field() {
        return field;
    }

    /**
     * Where every string value this condition matches lies (what an index of a string field may read):
     * {@code true}/{@code false} match no string, {@code ne} and {@code contains} are not bounded, and a
     * {@code startswith} is bounded by the literal text before its first LIKE wildcard.
     */
    @Override
    public StringRange stringRange() {
        if (bool != null) {
            return StringRange.NONE;
        }
        return switch (operator) {
            case EXACT -> StringRange.exactly(text);
            case GT, GE -> new StringRange(text, null);
            case LT, LE -> new StringRange(null, text);
            case STARTSWITH -> StringRange.prefixed(text.split("[%_]", 2)[0]);
            case NE, CONTAINS -> StringRange.ALL;
        };
    }

    /** True when any value stored under the field's leaf name, anywhere in the resource, matches. */
    boolean matches(SearchRow row) {
        for (Object value : row.values(field)) {
            if (matchesValue(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesValue(Object value) {
        if (value instanceof String string) {
            // "true"/"false" became booleans, so a string column cannot be searched for them
            if (bool != null) {
                return false;
            }
            return operator.isLike() ? textLike.matches(string) : operator.accepts(string.compareTo(text));
        }
        long columnValue = value instanceof Boolean b ? (b ? 1 : 0) : (Long) value;
        if (operator.isLike()) {
            return numberLike.matches(Long.toString(columnValue));
        }
        if (exactLong != null) {
            return operator.accepts(Long.compare(columnValue, exactLong));
        }
        // a non-numeric value never matches a number column
        return number != null && operator.accepts(BigDecimal.valueOf(columnValue).compareTo(number));
    }

    private static BigDecimal parseNumber(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([e][+-]?\\d+)?")) {
            return null;
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Long longValue(BigDecimal number) {
        if (number == null) {
            return null;
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
