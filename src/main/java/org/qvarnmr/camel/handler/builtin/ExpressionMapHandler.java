package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.qvarnmr.camel.handler.CompiledExpression;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.MissingFieldException;

/**
 * The {@code expression} built-in: a map handler whose key (and optional value) are Camel language
 * expressions ({@link CompiledExpression}, compiled by the worker) evaluated with the resource as a
 * {@code java.util.Map} for body ({@code ${body[org]}} in simple, {@code $.org} in jsonpath).
 *
 * <p>A key that evaluates to a list or array emits one pair per element, each with the same value (an
 * empty list emits nothing). Without a value expression the value is null. A top-level field the
 * expressions name ({@link FieldReferences}) that the resource does not have fails the map.
 */
public final class ExpressionMapHandler implements MapHandler, ReadsFields {
    private final String language;
    private final String keyText;
    private final CompiledExpression key;
    private final String valueText;
    private final CompiledExpression value;
    private final List<String> fields;

    /**
     * @param language  the language name, for the description
     * @param keyText   the key expression's text, for the description
     * @param key       the compiled key expression
     * @param valueText the value expression's text, or null
     * @param value     the compiled value expression, or null
     * @param fields    the top-level fields every resource must have (see {@link FieldReferences})
     */
    public ExpressionMapHandler(String language, String keyText, CompiledExpression key, String valueText,
            CompiledExpression value, List<String> fields) {
        this.fields = List.copyOf(fields);
        this.language = Objects.requireNonNull(language, "language");
        this.keyText = Objects.requireNonNull(keyText, "keyText");
        this.key = Objects.requireNonNull(key, "key");
        this.valueText = valueText;
        this.value = value;
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) throws Exception {
        for (String field : fields) {
            MissingFieldException.require(resource, field, "resource", context == null ? null : context.sourceType(),
                    null);
        }
        JsonNode valueNode = value == null ? NullNode.getInstance() : JsonValues.toJson(evaluate(value, resource));
        Object keyResult = evaluate(key, resource);
        List<KeyValue> pairs = new ArrayList<>();
        for (Object k : elements(keyResult)) {
            pairs.add(new KeyValue(JsonValues.toJson(k), valueNode));
        }
        return pairs;
    }

    private static Object evaluate(CompiledExpression expression, ObjectNode resource) throws Exception {
        return expression.evaluate(JsonValues.toMap(resource));
    }

    private static List<?> elements(Object keyResult) {
        if (keyResult instanceof JsonNode node && !node.isArray()) {
            return Collections.singletonList(node); // a JsonNode is Iterable over its children
        }
        if (keyResult instanceof Iterable<?> iterable) {
            List<Object> list = new ArrayList<>();
            iterable.forEach(list::add);
            return list;
        }
        if (keyResult != null && keyResult.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(keyResult); i++) {
                list.add(Array.get(keyResult, i));
            }
            return list;
        }
        return Collections.singletonList(keyResult);
    }

    /** The top-level fields the expressions name, which every resource must have. */
    @Override
    public List<String> fields() {
        return fields;
    }

    /** Canonical text, e.g. {@code expression(language=simple, key=${body[org]})}. */
    public String description() {
        return "expression(language=" + language + ", key=" + keyText
                + (valueText == null ? "" : ", value=" + valueText) + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
