package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.store.IdGenerator;

/** Listener endpoints (section 6.2). */
class ListenerTest extends ThingsServerTest {
    @Test
    void shouldCreateTheListenerQvarnMrPosts() {
        Reply created = http.post("/things/listeners", "{\"notify_of_new\": true, \"listen_on_all\": true}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("type").asText()).isEqualTo("listener");
        assertThat(created.json().path("listen_on").isEmpty()).isTrue();
        assertThat(created.json().path("notify_of_new").asBoolean()).isTrue();
        assertThat(created.id()).startsWith(IdGenerator.sha512Hex("thing__aux_listener").substring(0, 4) + "-");
        assertThat(created.revision()).startsWith("38ce-");
        assertThat(created.header("Location")).endsWith("/things/listeners/" + created.id()).startsWith("https://");
    }

    @Test
    void shouldFillMissingBooleansWithNull() {
        Reply created = http.post("/things/listeners", "{}");

        Reply read = http.get("/things/listeners/" + created.id());
        assertThat(read.json().path("notify_of_new").isNull()).isTrue();
        assertThat(read.json().path("listen_on_all").isNull()).isTrue();
        assertThat(read.json().path("listen_on").isArray()).isTrue();
    }

    @Test
    void shouldAnswerUnknownKeysForOtherFields() {
        Reply reply = http.post("/things/listeners", "{\"notify_of_new\": true, \"timestamp\": 1}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("UnknownKeys");
    }

    @Test
    void shouldAnswerItemHasWrongTypeForAnotherType() {
        assertThat(http.post("/things/listeners", "{\"type\": \"thing\"}").errorCode()).isEqualTo("ItemHasWrongType");
    }

    @Test
    void shouldAnswerNewItemHasIdAlreadyForAnId() {
        assertThat(http.post("/things/listeners", "{\"id\": \"x\"}").errorCode()).isEqualTo("NewItemHasIdAlready");
    }

    @Test
    void shouldListListenerIds() {
        String first = http.post("/things/listeners", "{}").id();
        String second = http.post("/things/listeners", "{}").id();

        assertThat(http.get("/things/listeners").ids()).containsExactly(first, second);
    }

    @Test
    void shouldAnswer404ItemDoesNotExistForAnUnknownListener() {
        Reply reply = http.get("/things/listeners/unknown");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldReplaceAListenerToAddIds() {
        Reply created = http.post("/things/listeners", "{\"notify_of_new\": true}");

        Reply replaced = http.put("/things/listeners/" + created.id(), "{\"revision\": \"" + created.revision()
                + "\", \"listen_on\": [\"a\", \"b\"]}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.revision()).isNotEqualTo(created.revision());
        Reply read = http.get("/things/listeners/" + created.id());
        assertThat(read.json().path("listen_on").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(read.json().path("notify_of_new").isNull()).isTrue();
    }

    @Test
    void shouldAnswer409NoItemRevisionForAListenerPutWithoutRevision() {
        String id = http.post("/things/listeners", "{}").id();

        assertThat(http.put("/things/listeners/" + id, "{}").errorCode()).isEqualTo("NoItemRevision");
    }

    @Test
    void shouldAnswer409WrongRevisionForAStaleListenerRevision() {
        String id = http.post("/things/listeners", "{}").id();

        Reply reply = http.put("/things/listeners/" + id, "{\"revision\": \"38ce-x\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("WrongRevision");
    }

    @Test
    void shouldDeleteAListenerWithItsNotifications() {
        String listener = http.post("/things/listeners", "{\"notify_of_new\": true}").id();
        http.post("/things", "{}");
        String notification = http.get("/things/listeners/" + listener + "/notifications").ids().get(0);

        Reply deleted = http.delete("/things/listeners/" + listener);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.get("/things/listeners/" + listener).status()).isEqualTo(404);
        assertThat(http.get("/things/listeners/" + listener + "/notifications/" + notification).status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer200ForDeleteOfAnUnknownListener() {
        assertThat(http.delete("/things/listeners/unknown").status()).isEqualTo(200);
    }

    @Test
    void shouldHaveNoSearchRouteForListeners() {
        Reply reply = http.get("/things/listeners/search/exact/listen_on_all/true");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("text/html");
    }

    @Test
    void shouldOnlyHearAboutItsOwnType() {
        String gadgetListener = http.post("/gadgets/listeners", "{\"notify_of_new\": true}").id();

        http.post("/things", "{}");

        assertThat(http.get("/gadgets/listeners/" + gadgetListener + "/notifications").ids()).isEmpty();
        assertThat(http.get("/things/listeners").ids()).isEmpty();
    }
}
