package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable builder of a Qvarn 0.82 search: {@code Search.on("orgs").exact("country", "FI").showAll()}.
 * Values are percent-encoded as the protocol requires (everything but unreserved characters, so
 * {@code /} is {@code %2F} and a space {@code %20}); field names are sent as they are.
 *
 * <p>Clauses appear in the path in the order they were added. Values may be strings, booleans
 * ({@code true}/{@code false}), numbers (plain decimal text) or scalar {@link JsonNode}s. An empty value
 * cannot be searched (the path would end in {@code /}), nor can a search without any clause.
 */
public final class Search {
    /** The condition operators of Qvarn 0.82, as {@link #where} takes them. */
    public static final Set<String> OPERATORS = Set.of("exact", "ne", "gt", "ge", "lt", "le", "startswith", "contains");

    private final String path;
    private final List<String> clauses;

    private Search(String path, List<String> clauses) {
        this.path = path;
        this.clauses = clauses;
    }

    /** A search over the resource type at {@code /{path}}; {@code path} is given without the slash. */
    public static Search on(String path) {
        return new Search(QvarnValues.pathName(path), List.of());
    }

    public String path() {
        return path;
    }

    public Search exact(String field, Object value) {
        return condition("exact", field, value);
    }

    public Search ne(String field, Object value) {
        return condition("ne", field, value);
    }

    public Search gt(String field, Object value) {
        return condition("gt", field, value);
    }

    public Search ge(String field, Object value) {
        return condition("ge", field, value);
    }

    public Search lt(String field, Object value) {
        return condition("lt", field, value);
    }

    public Search le(String field, Object value) {
        return condition("le", field, value);
    }

    public Search startswith(String field, Object value) {
        return condition("startswith", field, value);
    }

    public Search contains(String field, Object value) {
        return condition("contains", field, value);
    }

    /**
     * The condition {@code operator/field/value} for a search given as text (e.g. by a route); the operator is
     * one of {@link #OPERATORS}.
     */
    public Search where(String operator, String field, Object value) {
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("'" + operator + "' is not a search operator; one of "
                    + String.join(", ", OPERATORS.stream().sorted().toList()));
        }
        return condition(operator, field, value);
    }

    /** Adds {@code field} to the fields each result carries besides its id (top-level fields only). */
    public Search show(String field) {
        return with("show/" + checkField(field));
    }

    /** Makes each result the whole resource. */
    public Search showAll() {
        return with("show_all");
    }

    /** Sorts ascending by {@code field}; repeat for further keys. Needed for limit and offset. */
    public Search sort(String field) {
        return with("sort/" + checkField(field));
    }

    public Search limit(int n) {
        return with("limit/" + checkCount("limit", n));
    }

    public Search offset(int n) {
        return with("offset/" + checkCount("offset", n));
    }

    /** The request path, e.g. {@code /orgs/search/exact/country/FI/show_all}. */
    public String toPath() {
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a search on /" + path + " needs at least one clause");
        }
        return "/" + path + "/search/" + String.join("/", clauses);
    }

    private Search condition(String operator, String field, Object value) {
        return with(operator + "/" + checkField(field) + "/" + QvarnValues.quote(valueText(field, value)));
    }

    private Search with(String clause) {
        List<String> more = new ArrayList<>(clauses.size() + 1);
        more.addAll(clauses);
        more.add(clause);
        return new Search(path, List.copyOf(more));
    }

    private static String checkField(String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("a search field name is empty");
        }
        if (field.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a search field name cannot contain '/': '" + field + "'");
        }
        return field;
    }

    private static int checkCount(String what, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + n);
        }
        return n;
    }

    static String valueText(String field, Object value) {
        String text = toText(field, value);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("cannot search field '" + field
                    + "' for an empty value (the search path would end in '/')");
        }
        return text;
    }

    private static String toText(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot search field '" + field + "' for null");
        }
        if (value instanceof JsonNode node) {
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isBoolean() || node.isNumber()) {
                return toText(field, node.isBoolean() ? node.booleanValue() : node.numberValue());
            }
            throw new IllegalArgumentException("cannot search field '" + field + "' for a JSON " + node.getNodeType());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("cannot search field '" + field + "' for " + value);
            }
            BigDecimal decimal = value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d);
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Search other && path.equals(other.path) && clauses.equals(other.clauses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, clauses);
    }

    @Override
    public String toString() {
        return "/" + path + "/search/" + String.join("/", clauses);
    }
}
