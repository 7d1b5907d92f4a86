package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/** The Qvarn scopes the worker needs for the README example. */
class RequiredScopesTest {
    private final SortedSet<String> scopes = RequiredScopes.of(
            new BindingsLoader(HandlerResolver.NONE).load(Path.of("src/test/resources/fixtures/bindings/example.yaml")));

    @Test
    void shouldGrantResourceAccessToStateTypesAndTargets() {
        for (String type : new String[] {"qvarnmr_listeners", "qvarnmr_handlers", "company_reports__map",
            "company_reports", "reports_counts__map", "reports_counts", "orgs", "reports"}) {
            for (String suffix : new String[] {"get", "post", "id_get", "id_put", "id_delete", "search_id_get"}) {
                assertThat(scopes).contains("uapi_" + type + "_" + suffix);
            }
        }
    }

    @Test
    void shouldGrantListenerAccessToListenedTypesOnly() {
        for (String type : new String[] {"orgs", "reports", "company_reports__map", "reports_counts__map"}) {
            assertThat(scopes).contains("uapi_" + type + "_listeners_post", "uapi_" + type + "_listeners_get",
                    "uapi_" + type + "_listeners_id_get", "uapi_" + type + "_listeners_id_put",
                    "uapi_" + type + "_listeners_id_delete", "uapi_" + type + "_listeners_id_notifications_get",
                    "uapi_" + type + "_listeners_id_notifications_id_get",
                    "uapi_" + type + "_listeners_id_notifications_id_delete");
        }
        assertThat(scopes).noneMatch(s -> s.startsWith("uapi_company_reports_listeners")
                || s.startsWith("uapi_reports_counts_listeners") || s.startsWith("uapi_qvarnmr_listeners_listeners"));
    }

    @Test
    void shouldListNothingElse() {
        // 2 state types x 6 + 4 targets x 6 + 2 sources x (6 + 8) + 2 map targets feeding a reduce x 8
        assertThat(scopes).hasSize(12 + 24 + 28 + 16);
        assertThat(scopes.first()).isEqualTo("uapi_company_reports__map_get");
    }
}
