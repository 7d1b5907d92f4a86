package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.json;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * Protocol 7.2: every route's scope is {@code uapi} + the path template with placeholders as {@code id}
 * and slashes as underscores + {@code _} + the method, lower case. A client holding one unrelated scope
 * is refused on every route with the scope it lacks.
 */
@ExtendWith(ConformanceExtension.class)
class ScopeNamingConformanceTest {
    private static final String ID = Fixture.unknownId(ITEM_TYPE);
    private static final String LID = Fixture.unknownId(ITEM_TYPE + "__aux_listener");
    private static final String NID = Fixture.unknownId(ITEM_TYPE + "__aux_notification");
    private static final String REVISION = Fixture.unknownId("revision id");

    /** One client call and the scope its route needs. */
    record Route(String scope, Consumer<QvarnClient> call) {
        @Override
        public String toString() {
            return scope;
        }
    }

    static Stream<Route> routes() {
        String p = "uapi_" + ITEMS;
        return Stream.of(
                new Route(p + "_get", c -> c.listIds(ITEMS)),
                new Route(p + "_post", c -> c.create(ITEMS, json("{}"))),
                new Route(p + "_id_get", c -> c.get(ITEMS, ID)),
                new Route(p + "_id_put", c -> c.update(ITEMS, ID, json("{}").put("revision", REVISION))),
                new Route(p + "_id_delete", c -> c.delete(ITEMS, ID)),
                new Route(p + "_search_id_get", c -> c.searchIds(Search.on(ITEMS).exact("name", "a").showAll())),
                new Route(p + "_id_sync_get", c -> c.getSubresource(ITEMS, ID, "sync")),
                new Route(p + "_id_sync_put", c -> c.putSubresource(ITEMS, ID, "sync",
                        json("{}").put("revision", REVISION))),
                new Route(p + "_listeners_get", c -> c.listListeners(ITEMS)),
                new Route(p + "_listeners_post", c -> c.createListener(ITEMS, json("{}"))),
                new Route(p + "_listeners_id_get", c -> c.getListener(ITEMS, LID)),
                new Route(p + "_listeners_id_put", c -> c.updateListener(ITEMS, LID,
                        json("{}").put("revision", REVISION))),
                new Route(p + "_listeners_id_delete", c -> c.deleteListener(ITEMS, LID)),
                new Route(p + "_listeners_id_notifications_get", c -> c.listNotificationIds(ITEMS, LID)),
                new Route(p + "_listeners_id_notifications_id_get", c -> c.getNotification(ITEMS, LID, NID)),
                new Route(p + "_listeners_id_notifications_id_delete", c -> c.deleteNotification(ITEMS, LID, NID)));
    }

    private static void assumeTokensForChosenScopes(Fixture qvarn) {
        assumeTrue(qvarn.target().issuesTokens(), "the target has a static token, not client credentials");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void shouldNameTheScopeOfEachRoute(Route route, Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        QvarnClient client = qvarn.clientWithScopes(List.of("uapi_" + Fixture.OTHERS + "_get"));

        QvarnForbiddenException e = assertThrows(QvarnForbiddenException.class, () -> route.call().accept(client));

        assertThat(e.errorCode()).isEqualTo("NoAccessToRouteScope");
        assertThat(e.routeScope()).isEqualTo(route.scope());
    }

    /** File subresources are not in QvarnClient; their routes are named by the same rule. */
    @ParameterizedTest(name = "{0} /document")
    @ValueSource(strings = {"GET", "PUT"})
    void shouldNameTheScopeOfAFileRoute(String method, Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        String token = qvarn.target().bearerToken(List.of("uapi_" + Fixture.OTHERS + "_get"));

        RawHttp.Reply reply = qvarn.raw().send(method, "/" + ITEMS + "/" + ID + "/document",
                "PUT".equals(method) ? "text/plain" : null, "PUT".equals(method) ? new byte[] {'x'} : null,
                Map.of("Authorization", "Bearer " + token, "Revision", REVISION), false);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("route_scope").asText())
                .isEqualTo("uapi_" + ITEMS + "_id_document_" + method.toLowerCase());
    }

    /** Bottle routes HEAD like GET, and the scope check then asks for a {@code _head} scope. */
    @org.junit.jupiter.api.Test
    void shouldAskForAHeadScopeOnAHeadRequest(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().send("HEAD", "/" + ITEMS, null, null, Map.of(), true);

        assertThat(reply.status()).isEqualTo(403);
    }
}
