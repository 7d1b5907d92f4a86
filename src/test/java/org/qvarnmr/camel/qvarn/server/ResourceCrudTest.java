package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.store.IdGenerator;

class ResourceCrudTest extends ThingsServerTest {
    private static final String ID_FORM = "[0-9a-f]{4}-[0-9a-f]{32}-[0-9a-f]{8}";

    @Test
    void shouldCreateWith201LocationAndTheFilledBody() {
        Reply created = http.post("/things", "{\"names\": [\"Acme Oy\"], \"country\": \"FI\", \"employees\": 12}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo("application/json");
        assertThat(created.header("Location"))
                .isEqualTo("https://127.0.0.1:" + qvarn.baseUrl().getPort() + "/things/" + created.id());
        assertThat(created.json().path("type").asText()).isEqualTo("thing");
        assertThat(created.json().path("is_active").isNull()).isTrue();
        assertThat(created.json().path("gov_org_ids").isEmpty()).isTrue();
        assertThat(created.json().path("employees").asInt()).isEqualTo(12);
    }

    @Test
    void shouldGiveIdsAndRevisionsTheQvarnForm() {
        Reply created = http.post("/things", "{}");

        assertThat(created.id()).matches(ID_FORM).startsWith(IdGenerator.sha512Hex("thing").substring(0, 4) + "-");
        assertThat(created.revision()).matches(ID_FORM).startsWith("38ce-");
    }

    @Test
    void shouldListOnlyIds() {
        String first = http.post("/things", "{\"name\": \"a\"}").id();
        String second = http.post("/things", "{\"name\": \"b\"}").id();

        Reply list = http.get("/things");

        assertThat(list.ids()).containsExactlyInAnyOrder(first, second);
        assertThat(list.json().path("resources").get(0).size()).isEqualTo(1);
    }

    @Test
    void shouldReadEveryPrototypeFieldWithNullsAndEmptyLists() {
        String id = http.post("/things", "{\"name\": \"a\"}").id();

        Reply read = http.get("/things/" + id);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder(
                "type", "id", "revision", "name", "names", "country", "employees", "is_active", "gov_org_ids");
        assertThat(read.json().path("country").isNull()).isTrue();
        assertThat(read.json().path("names").isArray()).isTrue();
    }

    @Test
    void shouldAnswer404ItemDoesNotExistForAnUnknownId() {
        Reply read = http.get("/things/f392-00000000000000000000000000000000-00000000");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.errorCode()).isEqualTo("ItemDoesNotExist");
        assertThat(read.json().path("item_id").asText()).isEqualTo("f392-00000000000000000000000000000000-00000000");
        assertThat(read.json().path("message").asText()).isEqualTo("Item does not exist");
    }

    @Test
    void shouldReplaceTheWholeResourceOnPut() {
        Reply created = http.post("/things", "{\"name\": \"a\", \"country\": \"FI\"}");

        Reply replaced = http.put("/things/" + created.id(), "{\"revision\": \"" + created.revision()
                + "\", \"name\": \"b\"}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(replaced.revision()).isNotEqualTo(created.revision()).startsWith("38ce-");
        Reply read = http.get("/things/" + created.id());
        assertThat(read.json().path("name").asText()).isEqualTo("b");
        assertThat(read.json().path("country").isNull()).isTrue();
        assertThat(read.revision()).isEqualTo(replaced.revision());
    }

    @Test
    void shouldAnswer409NoItemRevisionForPutWithoutRevision() {
        String id = http.post("/things", "{}").id();

        Reply reply = http.put("/things/" + id, "{\"name\": \"b\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
        assertThat(reply.json().path("item_id").asText()).isEqualTo(id);
    }

    @Test
    void shouldAnswer409WrongRevisionAndKeepTheData() {
        Reply created = http.post("/things", "{\"name\": \"a\"}");

        Reply reply = http.put("/things/" + created.id(), "{\"revision\": \"38ce-x\", \"name\": \"b\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("WrongRevision");
        assertThat(reply.json().path("item_id").asText()).isEqualTo(created.id());
        assertThat(reply.json().path("current").asText()).isEqualTo(created.revision());
        assertThat(reply.json().path("update").asText()).isEqualTo("38ce-x");
        assertThat(reply.json().path("message").asText()).contains("{item_id}", "{current}", "{update}");
        assertThat(http.get("/things/" + created.id()).json().path("name").asText()).isEqualTo("a");
    }

    @Test
    void shouldAnswer409WithNullCurrentForPutToAnUnknownId() {
        Reply reply = http.put("/things/unknown", "{\"revision\": \"38ce-x\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("WrongRevision");
        assertThat(reply.json().path("current").isNull()).isTrue();
    }

    @Test
    void shouldNotCreateAResourceOnPutWithNullRevision() {
        Reply reply = http.put("/things/made-up-id", "{\"revision\": null}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(http.get("/things/made-up-id").status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400ItemHasConflictingIdForAnotherIdInThePutBody() {
        Reply created = http.post("/things", "{}");

        Reply reply = http.put("/things/" + created.id(), "{\"id\": \"other\", \"revision\": \"" + created.revision() + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ItemHasConflictingId");
        assertThat(reply.json().path("item_id").asText()).isEqualTo("other");
        assertThat(reply.json().path("wanted_id").asText()).isEqualTo(created.id());
    }

    @Test
    void shouldAcceptTheSameIdInThePutBody() {
        Reply created = http.post("/things", "{}");

        Reply reply = http.put("/things/" + created.id(), created.body());

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void shouldDeleteWith200AndAnEmptyHtmlBody() {
        String id = http.post("/things", "{}").id();

        Reply deleted = http.delete("/things/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(deleted.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(http.get("/things/" + id).status()).isEqualTo(404);
        assertThat(http.get("/things").ids()).isEmpty();
    }

    @Test
    void shouldAnswer200ForDeleteOfAnUnknownId() {
        assertThat(http.delete("/things/never-existed").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer400NewItemHasIdAlreadyForPostWithId() {
        Reply reply = http.post("/things", "{\"id\": \"mine\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("NewItemHasIdAlready");
        assertThat(reply.json().path("item_id").asText()).isEqualTo("mine");
    }

    @Test
    void shouldAnswer400NewItemHasRevisionAlreadyForPostWithRevision() {
        Reply reply = http.post("/things", "{\"revision\": null}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("NewItemHasRevisionAlready");
    }

    @Test
    void shouldAnswer400ContentIsNotJsonForACharsetParameter() {
        Reply reply = http.send("POST", "/things", "application/json; charset=UTF-8", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ContentIsNotJSON");
    }

    @Test
    void shouldAcceptContentTypeInAnyCase() {
        Reply reply = http.send("POST", "/things", "Application/JSON", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void shouldAnswer400ContentIsNotJsonWithoutContentType() {
        Reply reply = http.send("POST", "/things", null, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.errorCode()).isEqualTo("ContentIsNotJSON");
    }

    @Test
    void shouldAnswer400ContentIsNotJsonForInvalidJson() {
        assertThat(http.post("/things", "{\"name\": ").errorCode()).isEqualTo("ContentIsNotJSON");
        assertThat(http.post("/things", "{} {}").errorCode()).isEqualTo("ContentIsNotJSON");
    }

    @Test
    void shouldAnswer400ForAnEmptyBody() {
        Reply reply = http.post("/things", "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ContentIsNotJSON");
    }

    @Test
    void shouldAnswer400ItemMustBeDictForANonObjectBody() {
        Reply array = http.post("/things", "[]");
        Reply nothing = http.post("/things", "null");

        assertThat(array.status()).isEqualTo(400);
        assertThat(array.errorCode()).isEqualTo("ItemMustBeDict");
        assertThat(array.json().path("conflicting_type").asText()).isEqualTo("<class 'list'>");
        assertThat(nothing.json().path("conflicting_type").asText()).isEqualTo("<class 'NoneType'>");
    }

    @Test
    void shouldEchoTrueForAnIntegerFieldButStoreOne() {
        Reply created = http.post("/things", "{\"employees\": true}");

        assertThat(created.json().path("employees").isBoolean()).isTrue();
        assertThat(http.get("/things/" + created.id()).json().path("employees").asLong()).isEqualTo(1);
    }

    @Test
    void shouldReturnRealBooleans() {
        Reply created = http.post("/things", "{\"is_active\": true}");

        assertThat(http.get("/things/" + created.id()).json().path("is_active").isBoolean()).isTrue();
    }

    @Test
    void shouldEscapeNonAsciiLikePython() {
        Reply created = http.post("/things", "{\"name\": \"Ypäjä\"}");

        assertThat(http.get("/things/" + created.id()).body()).containsIgnoringCase("Yp\\u00e4j\\u00e4");
        assertThat(created.json().path("name").asText()).isEqualTo("Ypäjä");
    }

    @Test
    void shouldLookUpIdsOnlyWithinTheType() {
        String thing = http.post("/things", "{}").id();

        assertThat(http.get("/gadgets/" + thing).status()).isEqualTo(404);
    }
}
