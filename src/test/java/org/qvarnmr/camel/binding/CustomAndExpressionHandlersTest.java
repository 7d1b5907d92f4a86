package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qvarnmr.camel.binding.BindingValidationTest.FILE;
import static org.qvarnmr.camel.binding.BindingValidationTest.problems;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.testhandlers.FixedReduceHandler;
import org.qvarnmr.camel.binding.testhandlers.UpperKeyMapHandler;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/** class, bean and expression handlers: loading them, and every way they can be wrong. */
class CustomAndExpressionHandlersTest {
    private static final String PKG = "org.qvarnmr.camel.binding.testhandlers.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camel;
    private BindingsLoader loader;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
        loader = new BindingsLoader(CamelHandlerResolver.of(camel));
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private static String mapAndReduce(String mapHandler, String reduceHandler) {
        return "a__map:\n  orgs: {type: map, version: 1, handler: " + mapHandler + "}\n"
                + "b:\n  a__map: {type: reduce, version: 1, handler: " + reduceHandler + "}\n";
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void shouldCreateClassHandlersForMapAndReduce() throws Exception {
        HandlerBindings bindings = loader.parse(mapAndReduce(
                "{class: " + PKG + "UpperKeyMapHandler}", "{class: " + PKG + "FixedReduceHandler}"), FILE);
        HandlerBinding map = bindings.mapHandlersOf("orgs").get(0);
        assertThat(map.mapHandler()).isInstanceOf(UpperKeyMapHandler.class);
        assertThat(map.description()).isEqualTo("class(" + PKG + "UpperKeyMapHandler)");
        assertThat(map.mapHandler().map(json("{\"id\": \"ab\"}"), null)).extracting(kv -> kv.key().asText())
                .containsExactly("AB");
        assertThat(bindings.reduceHandlerOf("a__map").orElseThrow().reduceHandler()).isInstanceOf(FixedReduceHandler.class);
    }

    @Test
    void shouldCreateClassHandlersWithoutACamelContext() {
        HandlerBindings bindings = new BindingsLoader(HandlerResolver.NONE).parse(mapAndReduce("{class: " + PKG + "UpperKeyMapHandler}", "count"), FILE);
        assertThat(bindings.mapHandlersOf("orgs").get(0).mapHandler()).isInstanceOf(UpperKeyMapHandler.class);
    }

    @Test
    void shouldSayWhenAClassIsNotOnTheClasspath() {
        assertThat(problems(loader, mapAndReduce("{class: com.example.Missing}", "count"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': class 'com.example.Missing' was not found on the classpath; "
                        + "check the name, or put the jar that contains it on the worker's classpath");
    }

    @Test
    void shouldNameTheInterfaceAClassMustImplement() {
        assertThat(problems(loader, mapAndReduce("{class: " + PKG + "NotAHandler}", "{class: " + PKG + "UpperKeyMapHandler}")))
                .containsExactly(
                        FILE + ":2: target 'a__map', source 'orgs': class '" + PKG + "NotAHandler' does not implement "
                                + "org.qvarnmr.camel.handler.MapHandler, which a map handler must",
                        FILE + ":4: target 'b', source 'a__map': class '" + PKG + "UpperKeyMapHandler' does not implement "
                                + "org.qvarnmr.camel.handler.ReduceHandler, which a reduce handler must");
    }

    @Test
    void shouldRequireAPublicNoArgumentConstructor() {
        assertThat(problems(loader, mapAndReduce("{class: " + PKG + "NoDefaultConstructorHandler}", "count")))
                .containsExactly(FILE + ":2: target 'a__map', source 'orgs': class '" + PKG + "NoDefaultConstructorHandler' "
                        + "must be a public, non-abstract class with a public no-argument constructor");
    }

    @Test
    void shouldLookUpBeanHandlersInTheCamelRegistry() {
        UpperKeyMapHandler mapper = new UpperKeyMapHandler();
        FixedReduceHandler reducer = new FixedReduceHandler();
        camel.getRegistry().bind("upper", mapper);
        camel.getRegistry().bind("fixed", reducer);
        HandlerBindings bindings = loader.parse(mapAndReduce("{bean: upper}", "{bean: fixed}"), FILE);
        assertThat(bindings.mapHandlersOf("orgs").get(0).mapHandler()).isSameAs(mapper);
        assertThat(bindings.mapHandlersOf("orgs").get(0).description()).isEqualTo("bean(upper)");
        assertThat(bindings.reduceHandlerOf("a__map").orElseThrow().reduceHandler()).isSameAs(reducer);
    }

    @Test
    void shouldRejectAnUnknownBean() {
        assertThat(problems(loader, mapAndReduce("{bean: nobody}", "count"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': no bean named 'nobody' in the Camel registry; bind it "
                        + "before the handler bindings are loaded: from the command line with camel.beans.nobody = "
                        + "#class:com.example.YourHandler in the configuration, when embedding with @BindToRegistry "
                        + "or registry.bind(...)");
    }

    @Test
    void shouldRejectABeanOfTheWrongInterface() {
        camel.getRegistry().bind("upper", new UpperKeyMapHandler());
        assertThat(problems(loader, mapAndReduce("item(id)", "{bean: upper}"))).containsExactly(
                FILE + ":4: target 'b', source 'a__map': bean 'upper' (" + PKG + "UpperKeyMapHandler) does not implement "
                        + "org.qvarnmr.camel.handler.ReduceHandler, which a reduce handler must");
    }

    @Test
    void shouldRejectBeanAndExpressionHandlersWithoutACamelContext() {
        assertThat(problems(new BindingsLoader(HandlerResolver.NONE), """
                a__map:
                  orgs: {type: map, version: 1, handler: {bean: upper}}
                  reports: {type: map, version: 1, handler: {expression: {language: simple, key: "${body[org]}"}}}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': bean 'upper' cannot be looked up: bean handlers need a Camel "
                        + "context, and the bindings were loaded without one",
                FILE + ":3: target 'a__map', source 'reports': expression handlers need a Camel context, and the bindings "
                        + "were loaded without one");
    }

    @Test
    void shouldRejectAnUnknownLanguage() {
        assertThat(problems(loader, mapAndReduce("{expression: {language: klingon, key: x}}", "count"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': unknown Camel language 'klingon'; use a language whose component "
                        + "is on the classpath, e.g. simple or jsonpath");
    }

    @Test
    void shouldRejectExpressionsThatDoNotCompile() {
        assertThat(problems(loader, """
                a__map:
                  orgs: {type: map, version: 1, handler: {expression: {language: simple, key: "${body[org"}}}
                  reports: {type: map, version: 1, handler: {expression: {language: jsonpath, key: $.org, value: "$.[[["}}}
                """)).satisfiesExactly(
                p -> assertThat(p).startsWith(FILE + ":2: target 'a__map', source 'orgs': key expression '${body[org' "
                        + "is refused: the end where a ${body[...]} read was expected"),
                p -> assertThat(p).startsWith(FILE + ":3: target 'a__map', source 'reports': value expression '$.[[[' "
                        + "does not compile as jsonpath: "));
    }

    @Test
    void shouldRequireLanguageAndKeyOfAnExpression() {
        assertThat(problems(loader, mapAndReduce("{expression: {key: x, values: y}}", "count"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': expression needs 'language'",
                FILE + ":2: target 'a__map', source 'orgs': unknown argument 'values' of expression; allowed: language, key, value");
    }

    @Test
    void shouldEvaluateSimpleExpressionsAgainstTheResourceAsAMap() throws Exception {
        HandlerBinding b = loader.parse(mapAndReduce(
                "{expression: {language: simple, key: \"${body[org]}\", value: \"${body[amount]}\"}}", "count"), FILE)
                .mapHandlersOf("orgs").get(0);
        assertThat(b.description()).isEqualTo("expression(language=simple, key=${body[org]}, value=${body[amount]})");
        assertThat(b.mapHandler().map(json("{\"org\": \"o1\", \"amount\": 5}"), null))
                .containsExactly(new KeyValue(JSON.readTree("\"o1\""), JSON.readTree("5")));
    }

    @Test
    void shouldEmitOnePairPerElementOfAListKey() throws Exception {
        HandlerBinding b = loader.parse(mapAndReduce(
                "{expression: {language: jsonpath, key: $.tags, value: $.id}}", "count"), FILE).mapHandlersOf("orgs").get(0);
        assertThat(b.mapHandler().map(json("{\"id\": \"r1\", \"tags\": [\"a\", \"b\"]}"), null)).containsExactly(
                new KeyValue(JSON.readTree("\"a\""), JSON.readTree("\"r1\"")),
                new KeyValue(JSON.readTree("\"b\""), JSON.readTree("\"r1\"")));
        assertThat(b.mapHandler().map(json("{\"id\": \"r2\", \"tags\": []}"), null)).isEmpty();
    }

    @Test
    void shouldGiveNullForANullJsonPathFieldAndFailOnAMissingOne() throws Exception {
        HandlerBinding b = loader.parse(mapAndReduce("{expression: {language: jsonpath, key: $.org}}", "count"), FILE)
                .mapHandlersOf("orgs").get(0);
        assertThat(b.mapHandler().map(json("{\"id\": \"r1\", \"org\": null}"), null))
                .containsExactly(new KeyValue(null, null));
        assertThatThrownBy(() -> b.mapHandler().map(json("{\"id\": \"r1\"}"), null))
                .hasMessage("field 'org' is not in resource r1; it has: id");
    }

    @Test
    void shouldKeepStructuredExpressionValues() throws Exception {
        HandlerBinding b = loader.parse(mapAndReduce(
                "{expression: {language: jsonpath, key: $.org, value: $.address}}", "count"), FILE).mapHandlersOf("orgs").get(0);
        assertThat(b.mapHandler().map(json("{\"org\": \"o1\", \"address\": {\"city\": \"Vilnius\"}}"), null))
                .containsExactly(new KeyValue(JSON.readTree("\"o1\""), JSON.readTree("{\"city\": \"Vilnius\"}")));
    }
}
