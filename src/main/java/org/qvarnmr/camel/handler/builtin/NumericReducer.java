package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;

/**
 * The {@code sum}, {@code min}, {@code max} and {@code avg} built-ins over {@link ReduceInput#values()}.
 *
 * <p>JSON nulls are skipped. Numeric text is parsed; any other non-number fails the reduce with a
 * message naming the value. Arithmetic follows Python's: integers stay exact integers (a sum of integers
 * is a long), and once a fractional number takes part the sum continues in double precision. On empty
 * input {@code sum} is 0 and the others are null; {@code avg} is always a double.
 */
public final class NumericReducer implements ReduceHandler {
    /** Which aggregate to compute. */
    public enum Operation {
        SUM, MIN, MAX, AVG;

        /** The built-in's name, e.g. {@code sum}. */
        public String builtinName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Operation operation;

    public NumericReducer(Operation operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    public Operation operation() {
        return operation;
    }

    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        Number accumulated = null; // a BigInteger or a Double, like Python's int and float
        long count = 0;
        for (JsonNode value : input.values()) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                continue;
            }
            Number number = parse(value);
            count++;
            accumulated = accumulated == null ? number : combine(accumulated, number);
        }
        if (accumulated == null) {
            return operation == Operation.SUM ? LongNode.valueOf(0) : NullNode.getInstance();
        }
        if (operation == Operation.AVG) {
            return DoubleNode.valueOf(accumulated instanceof BigInteger exact
                    ? new BigDecimal(exact).divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue()
                    : accumulated.doubleValue() / count);
        }
        return toNode(accumulated);
    }

    private Number combine(Number accumulated, Number next) {
        switch (operation) {
            case MIN:
                return compare(next, accumulated) < 0 ? next : accumulated;
            case MAX:
                return compare(next, accumulated) > 0 ? next : accumulated;
            default: // SUM and AVG add up
                if (accumulated instanceof BigInteger a && next instanceof BigInteger b) {
                    return a.add(b);
                }
                return accumulated.doubleValue() + next.doubleValue();
        }
    }

    private static int compare(Number a, Number b) {
        return decimal(a).compareTo(decimal(b));
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(n.doubleValue());
    }

    private Number parse(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (INTEGER.matcher(text).matches()) {
                return new BigInteger(text);
            }
            if (DECIMAL.matcher(text).matches()) {
                return Double.parseDouble(text);
            }
        }
        throw new IllegalArgumentException(operation.builtinName() + ": value " + value + " is not a number");
    }

    private static JsonNode toNode(Number n) {
        if (n instanceof BigInteger i) {
            return i.bitLength() < 64 ? LongNode.valueOf(i.longValue()) : BigIntegerNode.valueOf(i);
        }
        return DoubleNode.valueOf(n.doubleValue());
    }

    public String description() {
        return operation.builtinName();
    }

    @Override
    public String toString() {
        return description();
    }
}
