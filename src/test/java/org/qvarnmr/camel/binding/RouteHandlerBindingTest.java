package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.binding.BindingValidationTest.FILE;
import static org.qvarnmr.camel.binding.BindingValidationTest.problems;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.handler.builtin.RouteMapHandler;
import org.qvarnmr.camel.handler.builtin.RouteReduceHandler;

/** {@code handler: {route: URI}}: parsed in binding/, resolved through HandlerResolver (the worker's, on a context with routes). */
class RouteHandlerBindingTest {
    /** A host whose routes (loaded, not started) start from direct:my-map and direct:my-reduce. */
    private static final HandlerResolver HOST = hostWithRoutes();

    private static HandlerResolver hostWithRoutes() {
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:my-map").setBody(constant(List.of()));
                    from("direct:my-reduce").setBody(constant(1));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return CamelHandlerResolver.of(camel);
    }

    private static final String BINDINGS = """
            a__map:
              orgs: {type: map, version: 1, handler: {route: direct:my-map}}
            b:
              a__map: {type: reduce, version: auto, handler: {route: direct:my-reduce}}
            """;

    @Test
    void shouldBindMapAndReduceRoutes() {
        HandlerBindings bindings = new BindingsLoader(HOST).parse(BINDINGS, FILE);

        HandlerBinding map = bindings.mapHandlersOf("orgs").get(0);
        HandlerBinding reduce = bindings.reduceHandlerOf("a__map").orElseThrow();
        assertThat(map.mapHandler()).isInstanceOf(RouteMapHandler.class);
        assertThat(map.description()).isEqualTo("route(direct:my-map)");
        assertThat(reduce.reduceHandler()).isInstanceOf(RouteReduceHandler.class);
        assertThat(reduce.version()).as("version: auto hashes the URI").isEqualTo(AutoVersion.of(
                "{\"handler\":{\"route\":\"direct:my-reduce\"},\"map\":null,\"type\":\"reduce\"}"));
    }

    @Test
    void shouldRefuseARouteNoRouteStartsFromWithFileAndLine() {
        assertThat(problems(new BindingsLoader(HOST), BINDINGS.replace("direct:my-map", "direct:nowhere"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': no route starts from 'direct:nowhere'; define one (a YAML "
                        + "route in the routes/ folder: - route: {from: {uri: \"direct:nowhere\", steps: [...]}}), or name "
                        + "the endpoint a route starts from (loaded routes start from: direct:my-map, direct:my-reduce)");
    }

    @Test
    void shouldRefuseRoutesWithoutAHostAndWhatIsNoEndpointUri() {
        assertThat(problems(new BindingsLoader(HandlerResolver.NONE), BINDINGS)).contains(FILE + ":2: target 'a__map', "
                + "source 'orgs': route 'direct:my-map' cannot be looked up: route handlers need a Camel context, and the "
                + "bindings were loaded without one");
        assertThat(problems(new BindingsLoader(HOST), BINDINGS.replace("direct:my-map", "5"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': route must be the endpoint URI a route starts from, e.g. "
                        + "direct:my-map, found integer 5");
        assertThat(problems(new BindingsLoader(HOST), BINDINGS.replace("{route: direct:my-map}", "route"))).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': 'route' needs arguments: write it as a mapping, e.g. {route: ...}");
    }
}
