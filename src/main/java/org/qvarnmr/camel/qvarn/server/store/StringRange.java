package org.qvarnmr.camel.qvarn.server.store;

/**
 * An interval of lower-cased strings, both ends inclusive, {@code null} for no bound: where the strings a
 * search condition can match lie. An index reads only the interval and every candidate is still checked by
 * the condition, so an interval may be wider than its condition, never narrower. A low above the high is
 * empty.
 */
public record StringRange(String low, String high) {
    public static final StringRange ALL = new StringRange(null, null);
    public static final StringRange NONE = new StringRange("b", "a");

    public static StringRange exactly(String value) {
        return new StringRange(value, value);
    }

    /**
     * Every string starting with {@code prefix}: from the prefix up to the prefix with its last character
     * raised by one (every string with the prefix sorts below that, character by character).
     */
    public static StringRange prefixed(String prefix) {
        if (prefix.isEmpty()) {
            return ALL;
        }
        char last = prefix.charAt(prefix.length() - 1);
        if (last == Character.MAX_VALUE) {
            return new StringRange(prefix, null);
        }
        return new StringRange(prefix, prefix.substring(0, prefix.length() - 1) + (char) (last + 1));
    }

    boolean isEmpty() {
        return low != null && high != null && low.compareTo(high) > 0;
    }

    /** The strings both ranges hold: what two conditions on one field can match together. */
    StringRange intersect(StringRange other) {
        String l = low == null || (other.low != null && other.low.compareTo(low) > 0) ? other.low : low;
        String h = high == null || (other.high != null && other.high.compareTo(high) < 0) ? other.high : high;
        return new StringRange(l, h);
    }
}
