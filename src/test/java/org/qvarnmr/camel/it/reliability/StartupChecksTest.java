package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.StartupChecks;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * How {@link StartupChecks} tells an unknown type from Qvarn 0.82's lazily installed routes (protocol 2.4):
 * a freshly started 0.82 process answers an HTML 404 for {@code /orgs/search/...} until a request to
 * exactly {@code /orgs} installed the type's routes.
 */
class StartupChecksTest {
    private static final String PROBE = "/search/exact/id/qvarnmr-startup-probe";

    @Test
    void shouldConfirmA404WithAGetOfThePathBeforeCallingATypeUnknown() throws Exception {
        AtomicBoolean orgRoutes = new AtomicBoolean();
        try (FakeQvarn qvarn = FakeQvarn.start()) {
            for (String known : new String[] {"qvarnmr_listeners", "qvarnmr_handlers"}) {
                qvarn.on("GET", "/" + known + PROBE, r -> Reply.json("{\"resources\": []}"));
            }
            qvarn.on("GET", "/orgs" + PROBE, r -> orgRoutes.get() ? Reply.json("{\"resources\": []}") : Reply.html(404));
            qvarn.on("GET", "/orgs", r -> {
                orgRoutes.set(true);
                return Reply.json("{\"resources\": [{\"id\": \"o1\"}]}");
            });
            // a__map: no route at all, not even after GET /a__map (FakeQvarn answers bottle's HTML 404).
            HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(WorkerRuntime.newContext()))
                    .parse("a__map:\n  orgs: {type: map, version: 1, handler: item(x)}\n", "handlers.yaml");
            WorkerSettings settings = WorkerSettings.from(Map.of(
                    "qvarn.base-url", new ConfigSource.Value(qvarn.baseUrl().toString(), "test"),
                    "qvarnmr.instance", new ConfigSource.Value("checks", "test")), RequiredScopes.of(bindings));
            try (QvarnClient client = new QvarnClient(settings.qvarn())) {
                assertThatThrownBy(() -> new StartupChecks(client, bindings, settings).run())
                        .isInstanceOf(StartupChecks.Failed.class)
                        .hasMessageContaining("/a__map: map target of source 'orgs'")
                        .hasMessageNotContaining("/orgs:")
                        .satisfies(e -> assertThat(((StartupChecks.Failed) e).refused()).isFalse());
            }
            assertThat(qvarn.requests("GET", "/orgs")).as("the 404 was confirmed once").hasSize(1);
            assertThat(qvarn.requests("GET", "/a__map")).hasSize(1);
            assertThat(qvarn.requests("GET", "/qvarnmr_listeners")).as("a known type costs one search").isEmpty();
        }
    }
}
