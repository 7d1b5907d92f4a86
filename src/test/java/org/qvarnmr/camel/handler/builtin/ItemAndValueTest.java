package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void shouldEmitAPairWithANullKeyWhenTheKeyFieldIsNullAndFailWhenItIsMissing() {
        assertThatThrownBy(() -> new ItemMapHandler("org", "bar").map(object("{\"id\": \"r1\", \"bar\": 1}"), null))
                .hasMessage("field 'org' is not in resource r1; it has: bar, id");
        assertThat(new ItemMapHandler("org").map(object("{\"org\": null}"), null))
                .containsExactly(new KeyValue(NullNode.getInstance(), NullNode.getInstance()));
    }

    @Test
    void shouldReadMrValueByDefault() {
        assertThat(new ValueFieldMapper().apply(object("{\"_mr_value\": 1, \"foo\": 42}"))).isEqualTo(node("1"));
    }

    @Test
    void shouldReadTheGivenFieldAndFailWhenTheRowHasNone() {
        assertThat(new ValueFieldMapper("foo").apply(object("{\"_mr_value\": 1, \"foo\": 42}"))).isEqualTo(node("42"));
        assertThat(new ValueFieldMapper("foo").apply(object("{\"foo\": null}"))).isEqualTo(NullNode.getInstance());
        assertThatThrownBy(() -> new ValueFieldMapper("foo").apply(object("{\"id\": \"m1\", \"type\": \"a__map\", "
                + "\"_mr_value\": 1}")))
                .hasMessage("field 'foo' is not in map row m1 of a__map; it has: _mr_value, id, type; map: value(foo) "
                        + "reads the map row, not the source resource; a map handler that emits a single value "
                        + "stores it in _mr_value: write map: value");
    }

    @Test
    void shouldDescribeThemselvesCanonically() {
        assertThat(new ItemMapHandler("org")).hasToString("item(key=org)");
        assertThat(new ItemMapHandler("org", "x")).hasToString("item(key=org, value=x)");
        assertThat(new ValueFieldMapper()).hasToString("value(field=_mr_value)");
    }
}
