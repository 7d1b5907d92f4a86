package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.handler.builtin.TestInputs.node;
import static org.qvarnmr.camel.handler.builtin.TestInputs.object;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.KeyValue;

/** item(key[, value]) and value(field), as in the original's doctests. */
class ItemAndValueTest {
    @Test
    void shouldEmitTheKeyFieldWithANullValue() {
        assertThat(new ItemMapHandler("foo").map(object("{\"foo\": \"key\", \"bar\": 42}"), null))
                .containsExactly(new KeyValue(node("\"key\""), NullNode.getInstance()));
    }

    @Test
    void shouldEmitTheKeyAndValueFields() {
        assertThat(new ItemMapHandler("foo", "bar").map(object("{\"foo\": \"key\", \"bar\": 42}"), null))
                .containsExactly(new KeyValue(node("\"key\""), node("42")));
    }

    @Test
    void shouldEmitAPairWithANullKeyWhenTheKeyFieldIsMissingOrNull() {
        assertThat(new ItemMapHandler("org", "bar").map(object("{\"bar\": 1}"), null))
                .containsExactly(new KeyValue(NullNode.getInstance(), node("1")));
        assertThat(new ItemMapHandler("org").map(object("{\"org\": null}"), null))
                .containsExactly(new KeyValue(NullNode.getInstance(), NullNode.getInstance()));
    }

    @Test
    void shouldReadMrValueByDefault() {
        assertThat(new ValueFieldMapper().apply(object("{\"_mr_value\": 1, \"foo\": 42}"))).isEqualTo(node("1"));
    }

    @Test
    void shouldReadTheGivenFieldAndNullWhenAbsent() {
        assertThat(new ValueFieldMapper("foo").apply(object("{\"_mr_value\": 1, \"foo\": 42}"))).isEqualTo(node("42"));
        assertThat(new ValueFieldMapper("foo").apply(object("{\"_mr_value\": 1}"))).isEqualTo(NullNode.getInstance());
    }

    @Test
    void shouldDescribeThemselvesCanonically() {
        assertThat(new ItemMapHandler("org")).hasToString("item(key=org)");
        assertThat(new ItemMapHandler("org", "x")).hasToString("item(key=org, value=x)");
        assertThat(new ValueFieldMapper()).hasToString("value(field=_mr_value)");
    }
}
