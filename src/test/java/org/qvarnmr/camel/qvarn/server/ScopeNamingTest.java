package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scope naming rule of section 7.2. */
class ScopeNamingTest {

    @Test
    void shouldNameEveryRouteOfATypeAndNothingElse() {
        String gadgets = "type: gadget\npath: /gadgets\nversions:\n- version: v1\n  prototype: {type: '', id: '', revision: ''}\n";
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypeYaml(gadgets).build()) {
            assertThat(qvarn.allScopes()).containsExactlyInAnyOrder(
                    "uapi_gadgets_get", "uapi_gadgets_post",
                    "uapi_gadgets_id_get", "uapi_gadgets_id_put", "uapi_gadgets_id_delete",
                    "uapi_gadgets_search_id_get",
                    "uapi_gadgets_listeners_get", "uapi_gadgets_listeners_post",
                    "uapi_gadgets_listeners_id_get", "uapi_gadgets_listeners_id_put", "uapi_gadgets_listeners_id_delete",
                    "uapi_gadgets_listeners_id_notifications_get",
                    "uapi_gadgets_listeners_id_notifications_id_get",
                    "uapi_gadgets_listeners_id_notifications_id_delete");
        }
    }

    @Test
    void shouldNameSubresourceAndFileRoutes() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes()).build()) {
            assertThat(qvarn.allScopes()).contains("uapi_things_id_sync_get", "uapi_things_id_sync_put",
                    "uapi_things_id_document_get", "uapi_things_id_document_put");
        }
    }

    @Test
    void shouldNameTheWorkersOwnTypesLikeTheOriginalReadme() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.referenceTypes()).build()) {
            assertThat(qvarn.allScopes()).contains("uapi_qvarnmr_listeners_search_id_get",
                    "uapi_orgs_listeners_id_notifications_id_delete", "uapi_company_reports__map_post");
        }
    }

    @Test
    void shouldKeepThePathVerbatim() {
        String yaml = "type: cache\npath: /Data-Cache\nversions:\n- version: v1\n  prototype: {type: '', id: '', revision: ''}\n";
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypeYaml(yaml).build()) {
            assertThat(qvarn.allScopes()).contains("uapi_data-cache_get");
        }
    }
}
