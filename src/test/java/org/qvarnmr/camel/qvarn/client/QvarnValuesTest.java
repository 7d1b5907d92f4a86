package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qvarnmr.camel.qvarn.client.QvarnValues;

class QvarnValuesTest {

    static Stream<Arguments> booleans() {
        return Stream.of(
                Arguments.of(BooleanNode.TRUE, true),
                Arguments.of(IntNode.valueOf(1), true),
                Arguments.of(LongNode.valueOf(1), true),
                Arguments.of(TextNode.valueOf("true"), true),
                Arguments.of(TextNode.valueOf("TRUE"), true),
                Arguments.of(BooleanNode.FALSE, false),
                Arguments.of(IntNode.valueOf(0), false),
                Arguments.of(TextNode.valueOf("false"), false),
                Arguments.of(TextNode.valueOf(""), false),
                Arguments.of(NullNode.getInstance(), false),
                Arguments.of(MissingNode.getInstance(), false),
                Arguments.of(null, false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("booleans")
    void shouldReadBooleansLeniently(JsonNode node, boolean expected) {
        assertThat(QvarnValues.isTrue(node)).isEqualTo(expected);
    }

    @Test
    void shouldQuoteWithUpperCaseHexAndNoPlus() {
        assertThat(QvarnValues.quote("a b+c/ä")).isEqualTo("a%20b%2Bc%2F%C3%A4");
    }

    @Test
    void shouldRejectAPathNameThatCannotStandInAUrl() {
        assertThatThrownBy(() -> QvarnValues.pathName("my orgs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'my orgs'").hasMessageContaining("' '");
    }

    @Test
    void shouldKeepInnerSlashesOfAPathName() {
        assertThat(QvarnValues.pathName("/orgs/listeners/")).isEqualTo("orgs/listeners");
    }
}
