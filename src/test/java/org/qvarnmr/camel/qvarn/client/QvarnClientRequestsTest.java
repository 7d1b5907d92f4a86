package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;

/** What the client puts on the wire, and how it reads ordinary answers. */
class QvarnClientRequestsTest {
    private static final String ID = "f392-5d0c83a1e9b24f7a8c1e66b2d04f9a13-1c2e3f4a";
    private static final String REV1 = "38ce-00000000000000000000000000000001-aaaaaaaa";
    private static final String REV2 = "38ce-00000000000000000000000000000002-bbbbbbbb";
    private static final String LID = "396e-0a0b-0c0d";
    private static final String NID = "9384-0e0f-1011";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private FakeQvarn qvarn;
    private QvarnClient client;

    @BeforeEach
    void start() {
        qvarn = FakeQvarn.start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                (method, route, status, nanos) -> reported.add(route + " " + status));
    }

    @AfterEach
    void stop() {
        client.close();
        qvarn.close();
    }

    private ObjectNode object(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    @Test
    void shouldSendJsonBodiesWithExactlyApplicationJsonAndUtf8() throws Exception {
        qvarn.on("POST", "/orgs", request -> Reply.json(201, "{\"id\":\"" + ID + "\",\"revision\":\"" + REV1 + "\"}"));

        client.create("orgs", object("{\"names\":[\"Ypäjä 日本\"]}"));

        FakeQvarn.Request sent = qvarn.only("POST", "/orgs");
        assertThat(sent.headers().get("Content-Type")).containsExactly("application/json");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sent.body()).isEqualTo("{\"names\":[\"Ypäjä 日本\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void shouldSendNoAuthorizationHeaderWithoutClientId() {
        qvarn.on("GET", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\"}"));

        client.get("orgs", ID);

        assertThat(qvarn.only("GET", "/orgs/" + ID).header("Authorization")).isNull();
    }

    @Test
    void shouldReturnTheCreatedResource() throws Exception {
        qvarn.on("POST", "/orgs", request -> Reply.json(201, "{\"id\":\"" + ID + "\",\"revision\":\"" + REV1
                + "\",\"is_active\":1}"));

        ObjectNode created = client.create("orgs", object("{\"is_active\":true}"));

        assertThat(created.get("id").asText()).isEqualTo(ID);
        assertThat(QvarnValues.isTrue(created.get("is_active"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a/b", "Acme Oy", "a+b", "100%", "Ypäjä", "x?y=1", "true", "..", "~tilde"})
    void shouldPutSearchValuesOnTheWireUnchanged(String value) {
        Search search = Search.on("orgs").exact("name", value);
        qvarn.onPrefix("GET", "/orgs/search/", request -> Reply.json("{\"resources\":[{\"id\":\"" + ID + "\"}]}"));

        List<String> ids = client.searchIds(search);

        FakeQvarn.Request sent = qvarn.requests().get(0);
        assertThat(sent.rawPath()).isEqualTo(search.toPath());
        assertThat(sent.rawQuery()).isNull();
        assertThat(ids).containsExactly(ID);
    }

    @Test
    void shouldReturnSearchEntriesWithShownFields() {
        qvarn.on("GET", "/orgs/search/show/country/exact/country/fi",
                request -> Reply.json("{\"resources\":[{\"id\":\"a\",\"country\":\"FI\"},{\"id\":\"b\",\"country\":\"fi\"}]}"));

        List<ObjectNode> found = client.search(Search.on("orgs").show("country").exact("country", "fi"));

        assertThat(found).extracting(entry -> entry.get("country").asText()).containsExactly("FI", "fi");
    }

    @Test
    void shouldFetchTheRevisionBeforeAnUpdateWithoutOne() throws Exception {
        qvarn.on("GET", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\",\"revision\":\"" + REV1 + "\"}"));
        qvarn.on("PUT", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\",\"revision\":\"" + REV2 + "\"}"));

        ObjectNode updated = client.update("orgs", ID, object("{\"country\":\"SE\"}"));

        assertThat(qvarn.requests()).extracting(FakeQvarn.Request::method).containsExactly("GET", "PUT");
        assertThat(json.readTree(qvarn.only("PUT", "/orgs/" + ID).body()))
                .isEqualTo(json.readTree("{\"country\":\"SE\",\"revision\":\"" + REV1 + "\"}"));
        assertThat(updated.get("revision").asText()).isEqualTo(REV2);
    }

    @Test
    void shouldUseTheCallersRevisionWithoutFetching() throws Exception {
        qvarn.on("PUT", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\",\"revision\":\"" + REV2 + "\"}"));

        client.update("orgs", ID, object("{\"country\":\"SE\",\"revision\":\"" + REV1 + "\"}"));

        assertThat(qvarn.requests()).extracting(FakeQvarn.Request::method).containsExactly("PUT");
    }

    @Test
    void shouldNotChangeTheCallersBody() throws Exception {
        qvarn.on("GET", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\",\"revision\":\"" + REV1 + "\"}"));
        qvarn.on("PUT", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\",\"revision\":\"" + REV2 + "\"}"));
        ObjectNode body = object("{\"country\":\"SE\"}");

        client.update("orgs", ID, body);

        assertThat(body).isEqualTo(object("{\"country\":\"SE\"}"));
    }

    @Test
    void shouldFetchTheParentRevisionBeforeASubresourcePutWithoutOne() throws Exception {
        qvarn.on("GET", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\",\"revision\":\"" + REV1 + "\"}"));
        qvarn.on("PUT", "/orgs/" + ID + "/sync", request -> Reply.json("{\"sync_revision\":\"x\",\"revision\":\"" + REV2 + "\"}"));

        ObjectNode stored = client.putSubresource("orgs", ID, "sync", object("{\"sync_revision\":\"x\"}"));

        assertThat(json.readTree(qvarn.only("PUT", "/orgs/" + ID + "/sync").body()).get("revision").asText())
                .isEqualTo(REV1);
        assertThat(stored.get("revision").asText()).isEqualTo(REV2);
    }

    @Test
    void shouldFetchTheListenerRevisionBeforeAListenerUpdateWithoutOne() throws Exception {
        qvarn.on("GET", "/orgs/listeners/" + LID, request -> Reply.json("{\"id\":\"" + LID + "\",\"revision\":\"" + REV1 + "\"}"));
        qvarn.on("PUT", "/orgs/listeners/" + LID, request -> Reply.json("{\"id\":\"" + LID + "\",\"revision\":\"" + REV2 + "\"}"));

        client.updateListener("orgs", LID, object("{\"listen_on\":[\"" + ID + "\"]}"));

        assertThat(json.readTree(qvarn.only("PUT", "/orgs/listeners/" + LID).body()).get("revision").asText())
                .isEqualTo(REV1);
    }

    @Test
    void shouldAcceptAnEmptyBodyOnDelete() {
        qvarn.on("DELETE", "/orgs/" + ID, request -> Reply.empty());

        client.delete("orgs", ID);

        assertThat(qvarn.requests()).hasSize(1);
    }

    @Test
    void shouldFindNothingOnA404() {
        qvarn.on("GET", "/orgs/" + ID, request -> Reply.json(404, "{\"error_code\":\"ItemDoesNotExist\"}"));

        assertThat(client.find("orgs", ID)).isEmpty();
    }

    @Test
    void shouldFindNothingOnAnHtml404() {
        assertThat(client.find("orgs", ID)).isEmpty();
    }

    @Test
    void shouldListIdsInAnswerOrder() {
        qvarn.on("GET", "/orgs", request -> Reply.json("{\"resources\":[{\"id\":\"b\"},{\"id\":\"a\"}]}"));

        assertThat(client.listIds("orgs")).containsExactly("b", "a");
    }

    @Test
    void shouldWorkWithListenersAndNotifications() throws Exception {
        qvarn.on("POST", "/orgs/listeners", request -> Reply.json(201, "{\"id\":\"" + LID + "\",\"notify_of_new\":1}"));
        qvarn.on("GET", "/orgs/listeners", request -> Reply.json("{\"resources\":[{\"id\":\"" + LID + "\"}]}"));
        qvarn.on("GET", "/orgs/listeners/" + LID + "/notifications",
                request -> Reply.json("{\"resources\":[{\"id\":\"" + NID + "\"}]}"));
        qvarn.on("GET", "/orgs/listeners/" + LID + "/notifications/" + NID,
                request -> Reply.json("{\"id\":\"" + NID + "\",\"resource_change\":\"created\"}"));
        qvarn.on("DELETE", "/orgs/listeners/" + LID + "/notifications/" + NID, request -> Reply.empty());
        qvarn.on("DELETE", "/orgs/listeners/" + LID, request -> Reply.empty());

        ObjectNode listener = client.createListener("orgs", object("{\"notify_of_new\":true,\"listen_on_all\":true}"));
        assertThat(client.listListeners("orgs")).containsExactly(LID);
        assertThat(client.listNotificationIds("orgs", LID)).containsExactly(NID);
        assertThat(client.getNotification("orgs", LID, NID).get("resource_change").asText()).isEqualTo("created");
        client.deleteNotification("orgs", LID, NID);
        client.deleteListener("orgs", LID);

        assertThat(QvarnValues.isTrue(listener.get("notify_of_new"))).isTrue();
        assertThat(qvarn.requests()).hasSize(6);
    }

    @Test
    void shouldReadTheVersion() {
        qvarn.on("GET", "/version", request -> Reply.json("{\"api\":{\"version\":\"0.82\"}}"));

        assertThat(client.version().at("/api/version").asText()).isEqualTo("0.82");
    }

    @Test
    void shouldPercentEncodeIdsInPaths() {
        client.find("orgs", "odd id/x");

        assertThat(qvarn.requests().get(0).rawPath()).isEqualTo("/orgs/odd%20id%2Fx");
    }

    @Test
    void shouldSendRequestsUnderTheBaseUrlsPathWithItsHostAndPort() {
        try (QvarnClient prefixed = new QvarnClient(QvarnClientSettings.of(
                java.net.URI.create(qvarn.baseUrl() + "/qvarn/"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))) {
            prefixed.find("orgs", "odd id");
        }

        FakeQvarn.Request sent = qvarn.requests().get(0);
        assertThat(sent.rawPath()).isEqualTo("/qvarn/orgs/odd%20id");
        assertThat(sent.headers().get("Host")).containsExactly(qvarn.baseUrl().getAuthority());
    }

    @Test
    void shouldReportEachRequestWithItsRouteTemplate() {
        qvarn.on("GET", "/orgs/" + ID, request -> Reply.json("{\"id\":\"" + ID + "\"}"));
        qvarn.onPrefix("GET", "/orgs/search/", request -> Reply.json("{\"resources\":[]}"));
        qvarn.on("GET", "/orgs/" + ID + "/sync", request -> Reply.json("{\"revision\":\"r\"}"));
        qvarn.on("DELETE", "/orgs/listeners/" + LID + "/notifications/" + NID, request -> Reply.empty());

        client.get("orgs", ID);
        client.searchIds(Search.on("orgs").exact("id", ID));
        client.getSubresource("orgs", ID, "sync");
        client.find("orgs", "gone");
        client.deleteNotification("orgs", LID, NID);

        assertThat(reported).containsExactly(
                "GET /orgs/{id} 200",
                "GET /orgs/search 200",
                "GET /orgs/{id}/sync 200",
                "GET /orgs/{id} 404",
                "DELETE /orgs/listeners/{lid}/notifications/{nid} 200");
    }
}
