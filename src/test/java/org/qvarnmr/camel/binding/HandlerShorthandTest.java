package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.binding.BindingValidationTest.FILE;

import org.qvarnmr.camel.binding.testhandlers.UpperKeyMapHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.handler.builtin.CountReducer;
import org.qvarnmr.camel.handler.builtin.ItemMapHandler;
import org.qvarnmr.camel.handler.builtin.ListReducer;
import org.qvarnmr.camel.handler.builtin.NumericReducer;
import org.qvarnmr.camel.handler.builtin.ValueFieldMapper;

/** Call-style shorthands and the no-argument built-ins load like their long forms. */
class HandlerShorthandTest {
    private final BindingsLoader loader = new BindingsLoader(HandlerResolver.NONE);

    private HandlerBindings load(String mapHandler, String reduceDefinition) {
        return loader.parse("a__map:\n  orgs: {type: map, version: 1, handler: " + mapHandler + "}\n"
                + "b:\n  a__map: {type: reduce, version: 1, " + reduceDefinition + "}\n", FILE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "item(org)                        | item(key=org)",
        "item('org')                      | item(key=org)",
        "'item(\"org\")'                  | item(key=org)",
        "item: org                        | item(key=org)",
        "{item: {key: org}}               | item(key=org)",
        "\"item(org, amount)\"              | item(key=org, value=amount)",
        "\"item(key=org, value=amount)\"    | item(key=org, value=amount)",
        "{item: {key: org, value: amount}} | item(key=org, value=amount)"})
    void shouldReadItemShorthandsLikeTheLongForm(String handler, String description) {
        String yaml = handler.startsWith("item: ") ? "{" + handler + "}" : handler;
        HandlerBinding b = load(yaml, "handler: count").mapHandlersOf("orgs").get(0);
        assertThat(b.description()).isEqualTo(description);
        ItemMapHandler item = (ItemMapHandler) b.mapHandler();
        assertThat(item.description()).isEqualTo(description);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "value                          | _mr_value",
        "value()                        | _mr_value",
        "{value: }                      | _mr_value",
        "{value: {}}                    | _mr_value",
        "value(amount)                  | amount",
        "value('amount')                | amount",
        "value(field=amount)            | amount",
        "value(key=amount)              | amount",
        "{value: amount}                | amount",
        "{value: {field: amount}}       | amount"})
    void shouldReadValueShorthandsInMap(String map, String field) {
        // a class map handler may emit objects, so any field of its rows may be read (not so for item: see MissingFieldTest)
        HandlerBinding b = load("{class: " + UpperKeyMapHandler.class.getName() + "}", "handler: sum, map: " + map)
                .reduceHandlerOf("a__map").orElseThrow();
        assertThat(((ValueFieldMapper) b.valueMapper()).field()).isEqualTo(field);
        assertThat(b.description()).isEqualTo("sum, map: value(field=" + field + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"count", "sum", "min", "max", "avg", "list", "count()"})
    void shouldBuildEachNoArgumentBuiltin(String name) {
        HandlerBinding b = load("item(org)", "handler: " + name).reduceHandlerOf("a__map").orElseThrow();
        String builtin = name.replace("()", "");
        assertThat(b.description()).isEqualTo(builtin);
        assertThat(b.valueMapper()).isNull();
        switch (builtin) {
            case "count" -> assertThat(b.reduceHandler()).isInstanceOf(CountReducer.class);
            case "list" -> assertThat(b.reduceHandler()).isInstanceOf(ListReducer.class);
            default -> assertThat(((NumericReducer) b.reduceHandler()).operation().builtinName()).isEqualTo(builtin);
        }
    }
}
