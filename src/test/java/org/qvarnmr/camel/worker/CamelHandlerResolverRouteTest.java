package org.qvarnmr.camel.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.RouteCall;

/** The Camel side of {@code route:} handlers: which routes exist, and calling them from many threads at once. */
class CamelHandlerResolverRouteTest {
    private final CamelContext camel = new DefaultCamelContext();
    private final CamelHandlerResolver resolver = new CamelHandlerResolver(camel);

    @AfterEach
    void stop() {
        camel.stop();
    }

    private void addRoutes() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:echo-id").setBody(simple("${body[id]}-${header.QvarnMrResourceId}"));
                from("direct://slashed").setBody(constant("slashed"));
                from("direct:fails").throwException(new IllegalStateException("boom"));
            }
        });
    }

    @Test
    void shouldFindRoutesLoadedBeforeTheContextStartsAndNoOthers() throws Exception {
        addRoutes(); // not started: the model's route definitions, as Camel Main leaves them before the bindings load

        assertThat(resolver.route("direct:echo-id")).isNotNull();
        assertThat(resolver.route("direct://echo-id")).as("one endpoint").isNotNull();
        assertThat(resolver.route("direct:slashed?timeout=5000")).as("options left out").isNotNull();
        assertThat(resolver.route("direct:nowhere")).isNull();
        assertThat(resolver.route("seda:echo-id")).isNull();
        assertThat(resolver.routeInputs()).containsExactly("direct:echo-id", "direct://slashed", "direct:fails");
    }

    @Test
    void shouldCallTheRouteFromManyThreadsAtOnce() throws Exception {
        addRoutes();
        RouteCall call = resolver.route("direct:echo-id");
        camel.start();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> replies = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "r-" + i;
                replies.add(threads.submit(() -> call.request(Map.of("id", id), Map.of(RouteCall.RESOURCE_ID, id))));
            }
            for (int i = 0; i < replies.size(); i++) {
                assertThat(replies.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("r-" + i + "-r-" + i);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldRefuseACallBeforeTheContextStartsRatherThanWaitForTheConsumer() throws Exception {
        addRoutes();

        assertThatThrownBy(() -> resolver.route("direct:echo-id").request(Map.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageEndingWith("so its route from direct:echo-id cannot be called");
    }

    @Test
    void shouldThrowWhatTheRouteThrew() throws Exception {
        addRoutes();
        RouteCall call = resolver.route("direct:fails");
        camel.start();

        assertThatThrownBy(() -> call.request(Map.of(), Map.of())).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }
}
