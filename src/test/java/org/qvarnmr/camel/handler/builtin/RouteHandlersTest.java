package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qvarnmr.camel.handler.builtin.TestInputs.node;
import static org.qvarnmr.camel.handler.builtin.TestInputs.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.RouteCall;

/** What a route handler sends its route, and which replies it takes: the contract of docs/camel-users.md. */
class RouteHandlersTest {
    private static final HandlerContext MAP_CONTEXT = new HandlerContext(null, "reports", "reports_counts__map");
    private static final ObjectNode REPORT = object("{\"id\": \"r-1\", \"org\": \"o-1\", \"n\": 2}");

    private static RouteMapHandler map(RouteCall call, String uri, String binding) {
        return new RouteMapHandler(new HandlerRoute(call, uri, binding));
    }

    private static RouteReduceHandler reduce(RouteCall call, String uri, String binding) {
        return new RouteReduceHandler(new HandlerRoute(call, uri, binding));
    }

    private static List<KeyValue> mapWithReply(Object reply) throws Exception {
        return map((body, headers) -> reply, "direct:m", "h.yaml:2").map(REPORT, MAP_CONTEXT);
    }

    private static String text(List<KeyValue> pairs) {
        return pairs.stream().map(p -> p.key() + "=" + p.value()).toList().toString();
    }

    @Test
    void shouldSendTheResourceAsAMapCopyWithTheHeaders() throws Exception {
        AtomicReference<Object> sent = new AtomicReference<>();
        AtomicReference<Map<String, Object>> headers = new AtomicReference<>();
        RouteCall route = (body, h) -> {
            sent.set(body);
            headers.set(h);
            ((Map<String, Object>) body).put("org", "changed by the route");
            return List.of();
        };

        map(route, "direct:m", "h.yaml:2").map(REPORT, MAP_CONTEXT);

        assertThat(sent.get()).isInstanceOf(Map.class);
        assertThat(REPORT.get("org").asText()).as("the engine's resource is not the route's").isEqualTo("o-1");
        assertThat(headers.get()).containsExactlyInAnyOrderEntriesOf(Map.of(RouteCall.RESOURCE_ID, "r-1",
                RouteCall.SOURCE_TYPE, "reports", RouteCall.TARGET, "reports_counts__map", RouteCall.BINDING, "h.yaml:2"));
    }

    @Test
    void shouldTakeAListOfPairsOnePairOrAnEmptyList() throws Exception {
        assertThat(text(mapWithReply(List.of(Map.of("key", "a", "value", 1), Map.of("key", "b")))))
                .isEqualTo("[\"a\"=1, \"b\"=null]");
        assertThat(text(mapWithReply(node("{\"key\": \"a\", \"value\": {\"x\": 1}}")))).isEqualTo("[\"a\"={\"x\":1}]");
        assertThat(mapWithReply(List.of())).isEmpty();
        assertThat(mapWithReply(node("[]"))).isEmpty();
    }

    @Test
    void shouldRefuseEveryOtherMapReplySayingWhatItWas() {
        String expected = "a map route must reply a list of {key: K, value: V} objects (an empty list for none) or one "
                + "such object";
        assertThatThrownBy(() -> mapWithReply("not pairs")).isInstanceOf(RouteHandlerException.class)
                .hasToString("route direct:m replied \"not pairs\"; " + expected);
        assertThatThrownBy(() -> mapWithReply(null)).hasToString("route direct:m replied null; " + expected);
        assertThatThrownBy(() -> mapWithReply("[{\"key\": 1}]")).hasToString("route direct:m replied \"[{\\\"key\\\": 1}]\"; "
                + expected + " (this is JSON text: unmarshal it with unmarshal: {json: {library: Jackson, useList: true}})");
        assertThatThrownBy(() -> mapWithReply(REPORT))
                .hasToString("route direct:m replied {\"id\":\"r-1\",\"org\":\"o-1\",\"n\":2}, which has no 'key'; " + expected);
        assertThatThrownBy(() -> mapWithReply(List.of(Map.of("value", 1))))
                .hasToString("route direct:m replied element 0 of its list, {\"value\":1}, which has no 'key'; " + expected);
        assertThatThrownBy(() -> mapWithReply(List.of("a")))
                .hasToString("route direct:m replied element 0 of its list, \"a\", which has no 'key'; " + expected);
        assertThatThrownBy(() -> mapWithReply(node("{\"key\": \"a\", \"x\": 1}"))).hasToString("route direct:m replied "
                + "{\"key\":\"a\",\"x\":1} with field 'x'; a pair has only 'key' and 'value' (put more fields in an object value)");
        assertThatThrownBy(() -> mapWithReply("[{\"key\": 1}]".getBytes(StandardCharsets.UTF_8)))
                .hasToString("route direct:m replied a [B; a route handler must reply JSON: a Map, a List, a String, "
                        + "a number, a boolean, null or a Jackson JsonNode (unmarshal JSON text with unmarshal: {json: {}})");
        assertThatThrownBy(() -> mapWithReply(new Object())).hasMessageStartingWith("route direct:m replied a java.lang.Object;");
    }

    @Test
    void shouldFailWithTheRoutesErrorWhenItThrows() {
        RouteMapHandler handler = map((body, headers) -> {
            throw new IllegalStateException("no report type");
        }, "direct:m", "h.yaml:2");

        assertThatThrownBy(() -> handler.map(REPORT, MAP_CONTEXT)).isInstanceOf(RouteHandlerException.class)
                .hasToString("route direct:m failed: java.lang.IllegalStateException: no report type")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldSendAReduceTheKeyItsRowsAndTheirValuesAndTakeAnyJsonBack() throws Exception {
        AtomicReference<Object> sent = new AtomicReference<>();
        AtomicReference<Map<String, Object>> headers = new AtomicReference<>();
        RouteReduceHandler handler = reduce((body, h) -> {
            sent.set(body);
            headers.set(h);
            return Map.of("total", 3);
        }, "direct:r", "h.yaml:4");
        var input = TestInputs.input(List.of(object("{\"id\": \"m1\", \"_mr_value\": 1}"), object("{\"id\": \"m2\", \"_mr_value\": 2}")),
                List.of(node("10"), node("20")));

        assertThat(handler.reduce(input, new HandlerContext(null, "a__map", "b"))).isEqualTo(node("{\"total\": 3}"));
        assertThat(sent.get()).isEqualTo(Map.of("key", "k",
                "rows", List.of(Map.of("id", "m1", "_mr_value", 1), Map.of("id", "m2", "_mr_value", 2)),
                "values", List.of(10, 20)));
        assertThat(headers.get()).containsExactlyInAnyOrderEntriesOf(Map.of(RouteCall.KEY, "k",
                RouteCall.SOURCE_TYPE, "a__map", RouteCall.TARGET, "b", RouteCall.BINDING, "h.yaml:4"));
        assertThat(reduce((b, h) -> null, "direct:r", "h.yaml:4").reduce(input, null)).isEqualTo(node("null"));
        assertThat(reduce((b, h) -> 7, "direct:r", "h.yaml:4").reduce(input, null)).isEqualTo(node("7"));
        assertThatThrownBy(() -> reduce((b, h) -> new byte[0], "direct:r", "h.yaml:4").reduce(input, null))
                .hasMessageStartingWith("route direct:r replied a [B; a route handler must reply JSON");
    }
}
