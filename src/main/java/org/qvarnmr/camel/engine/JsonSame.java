package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Value equality as Qvarn means it: numbers by value (1 == 1L), booleans equal to 1/0 (SQLite sends
 * those), null equal to a missing field. Used to skip writes that would change nothing.
 */
final class JsonSame {
    private JsonSame() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull() || a.isMissingNode();
        boolean bNull = b == null || b.isNull() || b.isMissingNode();
        if (aNull || bNull) {
            return aNull == bNull;
        }
        if ((a.isNumber() || a.isBoolean()) && (b.isNumber() || b.isBoolean())) {
            return number(a).compareTo(number(b)) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            return containsAll(a, b) && containsAll(b, a);
        }
        return a.equals(b);
    }

    /** Whether every field of {@code expected} has the same value in {@code actual} (nulls match absent). */
    static boolean containsAll(JsonNode expected, JsonNode actual) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!same(e.getValue(), actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static java.math.BigDecimal number(JsonNode n) {
        return n.isBoolean() ? (n.booleanValue() ? java.math.BigDecimal.ONE : java.math.BigDecimal.ZERO) : n.decimalValue();
    }
}
