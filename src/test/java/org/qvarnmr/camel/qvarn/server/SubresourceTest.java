package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubresourceTest extends ThingsServerTest {
    @Test
    void shouldStartWithThePrototypeValuesAndTheParentRevision() {
        Reply created = http.post("/things", "{}");

        Reply sync = http.get("/things/" + created.id() + "/sync");

        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.json()).isEqualTo(new Reply(200, sync.headers(), """
                {"sync_revision": "", "sync_count": 0,
                 "sync_sources": [{"sync_source": "", "sync_id": ""}],
                 "revision": "%s"}""".formatted(created.revision())).json());
    }

    @Test
    void shouldAnswer404ItemDoesNotExistForAMissingParent() {
        Reply reply = http.get("/things/unknown/sync");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldReplaceTheSubresourceAndBumpTheParentRevision() {
        Reply created = http.post("/things", "{\"name\": \"a\"}");

        Reply put = http.put("/things/" + created.id() + "/sync", "{\"revision\": \"" + created.revision()
                + "\", \"sync_revision\": \"s1\"}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().has("id")).isFalse();
        assertThat(put.json().path("sync_revision").asText()).isEqualTo("s1");
        assertThat(put.json().path("sync_sources").isEmpty()).isTrue();
        assertThat(put.json().path("sync_count").isNull()).isTrue();
        assertThat(put.revision()).isNotEqualTo(created.revision());
        Reply parent = http.get("/things/" + created.id());
        assertThat(parent.revision()).isEqualTo(put.revision());
        assertThat(parent.json().path("name").asText()).isEqualTo("a");
        assertThat(http.get("/things/" + created.id() + "/sync").json().path("sync_revision").asText()).isEqualTo("s1");
    }

    @Test
    void shouldAnswer409NoItemRevisionWithoutRevision() {
        String id = http.post("/things", "{}").id();

        Reply reply = http.put("/things/" + id + "/sync", "{\"sync_revision\": \"s1\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
    }

    @Test
    void shouldAnswer409WrongRevisionForAStaleParentRevision() {
        Reply created = http.post("/things", "{}");
        http.put("/things/" + created.id(), "{\"revision\": \"" + created.revision() + "\"}");

        Reply reply = http.put("/things/" + created.id() + "/sync", "{\"revision\": \"" + created.revision() + "\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("WrongRevision");
    }

    @Test
    void shouldAnswer409WrongRevisionForAMissingParent() {
        Reply reply = http.put("/things/unknown/sync", "{\"revision\": \"38ce-x\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("current").isNull()).isTrue();
    }

    @Test
    void shouldValidateTheSubresourceBody() {
        Reply created = http.post("/things", "{}");

        Reply reply = http.put("/things/" + created.id() + "/sync", "{\"revision\": \"" + created.revision()
                + "\", \"name\": \"a\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("UnknownKeys");
    }

    @Test
    void shouldKeepSubresourcesWhenTheParentIsReplaced() {
        Reply created = http.post("/things", "{}");
        Reply put = http.put("/things/" + created.id() + "/sync", "{\"revision\": \"" + created.revision()
                + "\", \"sync_revision\": \"s1\"}");

        http.put("/things/" + created.id(), "{\"revision\": \"" + put.revision() + "\", \"name\": \"b\"}");

        assertThat(http.get("/things/" + created.id() + "/sync").json().path("sync_revision").asText()).isEqualTo("s1");
    }

    @Test
    void shouldNotIncludeSubresourcesInTheParent() {
        Reply created = http.post("/things", "{}");

        assertThat(http.get("/things/" + created.id()).json().has("sync_revision")).isFalse();
    }

    @Test
    void shouldDeleteSubresourcesWithTheParent() {
        String id = http.post("/things", "{}").id();

        http.delete("/things/" + id);

        assertThat(http.get("/things/" + id + "/sync").status()).isEqualTo(404);
    }

    @Test
    void shouldAnswerHtml404ForAnUnknownSubpath() {
        String id = http.post("/things", "{}").id();

        Reply reply = http.get("/things/" + id + "/nothing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("text/html; charset=UTF-8");
    }
}
