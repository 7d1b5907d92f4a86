package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qvarnmr.camel.handler.builtin.TestInputs.node;
import static org.qvarnmr.camel.handler.builtin.TestInputs.object;
import static org.qvarnmr.camel.handler.builtin.TestInputs.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.ReduceInput;
import org.qvarnmr.camel.handler.builtin.NumericReducer.Operation;

/** count, sum, min, max, avg and list. */
class AggregateReducersTest {
    private static JsonNode run(Operation operation, ReduceInput input) {
        return new NumericReducer(operation).reduce(input, null);
    }

    @Test
    void shouldCountRowsAsAnInt() {
        JsonNode count = new CountReducer().reduce(TestInputs.rows(object("{\"a\": 1}"), object("{\"b\": 2}"),
                object("{\"_mr_value\": null}")), null);
        assertThat(count.isInt()).isTrue();
        assertThat(count.intValue()).isEqualTo(3);
        assertThat(new CountReducer().reduce(values(), null).intValue()).isZero();
    }

    @Test
    void shouldSumIntegersIntoALong() {
        JsonNode sum = run(Operation.SUM, values("1", "2", "4000000000"));
        assertThat(sum.isLong()).isTrue();
        assertThat(sum.longValue()).isEqualTo(4000000003L);
    }

    @Test
    void shouldSumInDoublesOnceAFractionTakesPart() {
        JsonNode sum = run(Operation.SUM, values("1", "0.5", "2"));
        assertThat(sum.isDouble()).isTrue();
        assertThat(sum.doubleValue()).isEqualTo(3.5);
        assertThat(run(Operation.SUM, values("0.1", "0.2")).doubleValue()).isEqualTo(0.1 + 0.2); // as Python's sum
    }

    @Test
    void shouldSkipNullsAndParseNumericText() {
        assertThat(run(Operation.SUM, values("null", "\"3\"", "4", "\" 5 \""))).isEqualTo(LongNode.valueOf(12));
        assertThat(run(Operation.SUM, values("\"1.5\"", "null")).doubleValue()).isEqualTo(1.5);
    }

    @Test
    void shouldFailNamingAValueThatIsNotANumber() {
        assertThatThrownBy(() -> run(Operation.SUM, values("1", "\"abc\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sum: value \"abc\" is not a number");
        assertThatThrownBy(() -> run(Operation.MAX, values("true")))
                .hasMessage("max: value true is not a number");
        assertThatThrownBy(() -> run(Operation.AVG, values("{\"a\": 1}")))
                .hasMessage("avg: value {\"a\":1} is not a number");
    }

    @Test
    void shouldAnswerZeroForAnEmptySumAndNullForOtherEmptyAggregates() {
        assertThat(run(Operation.SUM, values())).isEqualTo(LongNode.valueOf(0));
        assertThat(run(Operation.SUM, values("null"))).isEqualTo(LongNode.valueOf(0));
        assertThat(run(Operation.MIN, values())).isEqualTo(NullNode.getInstance());
        assertThat(run(Operation.MAX, values("null"))).isEqualTo(NullNode.getInstance());
        assertThat(run(Operation.AVG, values())).isEqualTo(NullNode.getInstance());
    }

    @Test
    void shouldKeepTheKindOfTheMinimumAndMaximum() {
        JsonNode min = run(Operation.MIN, values("3", "\"2\"", "2.5", "null"));
        assertThat(min.isLong()).isTrue();
        assertThat(min.longValue()).isEqualTo(2);
        JsonNode max = run(Operation.MAX, values("3", "\"2\"", "3.5"));
        assertThat(max.isDouble()).isTrue();
        assertThat(max.doubleValue()).isEqualTo(3.5);
    }

    @Test
    void shouldAverageIntoADouble() {
        JsonNode avg = run(Operation.AVG, values("1", "2", "null"));
        assertThat(avg.isDouble()).isTrue();
        assertThat(avg.doubleValue()).isEqualTo(1.5);
        assertThat(run(Operation.AVG, values("2", "4")).isDouble()).isTrue();
    }

    @Test
    void shouldListAllValuesInRowOrderIncludingNulls() {
        assertThat(new ListReducer().reduce(values("3", "null", "\"x\"", "{\"a\": 1}"), null))
                .isEqualTo(node("[3, null, \"x\", {\"a\": 1}]"));
        assertThat(new ListReducer().reduce(values(), null)).isEqualTo(node("[]"));
    }
}
