package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Framework-level answers: HTML 404/405, /version, headers (sections 1, 3 and 9). */
class RoutingTest extends ThingsServerTest {
    @Test
    void shouldAnswerHtml404ForAnUnknownPath() {
        Reply reply = http.get("/nothing/here");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(reply.body()).contains("404 Not Found");
    }

    @Test
    void shouldAnswerHtml404ForATrailingSlash() {
        assertThat(http.get("/things/").status()).isEqualTo(404);
    }

    @Test
    void shouldAnswerHtml405WithAllowForAWrongMethod() {
        Reply collection = http.delete("/things");
        Reply notifications = http.put("/things/listeners/x/notifications", "{}");

        assertThat(collection.status()).isEqualTo(405);
        assertThat(collection.contentType()).startsWith("text/html");
        assertThat(collection.header("Allow")).isEqualTo("GET,POST");
        assertThat(notifications.header("Allow")).isEqualTo("GET");
    }

    @Test
    void shouldAnswer405ForPostToAResource() {
        assertThat(http.post("/things/x", "{}").header("Allow")).isEqualTo("GET,PUT,DELETE");
    }

    @Test
    void shouldAnswerVersionWithoutAuth() {
        Reply reply = http.get("/version");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.json().path("api").path("version").asText()).isEqualTo("0.82");
        assertThat(reply.json().path("implementation").path("version").asText()).isEqualTo("0.82");
        assertThat(reply.json().path("implementation").path("name").asText()).isNotEmpty();
    }

    @Test
    void shouldSendADateHeader() {
        assertThat(http.get("/things").header("Date")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} .+");
    }

    @Test
    void shouldServeHeadLikeGetWithoutABody() {
        Reply reply = http.send("HEAD", "/things", null, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void shouldTreatSearchAsAnIdWithoutCriteria() {
        Reply reply = http.get("/things/search");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldRouteListenersBeforeIds() {
        assertThat(http.get("/things/listeners").json().has("resources")).isTrue();
    }
}
