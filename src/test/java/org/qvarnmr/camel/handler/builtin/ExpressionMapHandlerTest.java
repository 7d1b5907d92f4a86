package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qvarnmr.camel.handler.builtin.TestInputs.node;
import static org.qvarnmr.camel.handler.builtin.TestInputs.object;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.CompiledExpression;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/** expression: evaluation against the resource as a Map, list and array keys, failures. */
class ExpressionMapHandlerTest {
    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private ExpressionMapHandler simple(String key, String value) throws Exception {
        var simple = new CamelHandlerResolver(camel).language("simple");
        return new ExpressionMapHandler("simple", key, simple.compile(key), value,
                value == null ? null : simple.compile(value), List.of());
    }

    @Test
    void shouldBuildKeysFromSimpleTemplates() throws Exception {
        assertThat(simple("org-${body[org]}", null).map(object("{\"org\": \"o1\"}"), null))
                .containsExactly(new KeyValue(node("\"org-o1\""), NullNode.getInstance()));
    }

    @Test
    void shouldEmitOnePairPerElementOfASimpleListKeyWithTheSameValue() throws Exception {
        assertThat(simple("${body[tags]}", "${body[id]}").map(object("{\"id\": \"r1\", \"tags\": [\"a\", 2]}"), null))
                .containsExactly(new KeyValue(node("\"a\""), node("\"r1\"")), new KeyValue(node("2"), node("\"r1\"")));
    }

    @Test
    void shouldEmitOnePairPerElementOfAnArrayKey() throws Exception {
        CompiledExpression array = resource -> new String[] {"x", "y"};
        assertThat(new ExpressionMapHandler("java", "array", array, null, null, List.of()).map(object("{}"), null))
                .extracting(kv -> kv.key().asText()).containsExactly("x", "y");
    }

    @Test
    void shouldPropagateEvaluationFailures() {
        CompiledExpression failing = resource -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> new ExpressionMapHandler("java", "f", failing, null, null, List.of()).map(object("{}"), null))
                .hasMessageContaining("boom");
    }

    @Test
    void shouldDescribeItselfCanonically() throws Exception {
        assertThat(simple("${body[org]}", "${body[x]}"))
                .hasToString("expression(language=simple, key=${body[org]}, value=${body[x]})");
    }
}
