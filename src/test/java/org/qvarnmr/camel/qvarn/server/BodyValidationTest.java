package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BodyValidationTest extends ThingsServerTest {
    private Reply rejected(String body) {
        Reply reply = http.post("/things", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        return reply;
    }

    @Test
    void shouldFillMissingSimpleFieldsWithNullNotZeroOrEmpty() {
        JsonNode created = http.post("/things", "{}").json();

        assertThat(created.path("name").isNull()).isTrue();
        assertThat(created.path("employees").isNull()).isTrue();
        assertThat(created.path("is_active").isNull()).isTrue();
    }

    @Test
    void shouldFillMissingListsWithEmptyLists() {
        JsonNode created = http.post("/things", "{}").json();

        assertThat(created.path("names").isArray()).isTrue();
        assertThat(created.path("names").isEmpty()).isTrue();
        assertThat(created.path("gov_org_ids").isEmpty()).isTrue();
    }

    @Test
    void shouldFillInsideDictListItems() {
        Reply created = http.post("/things", "{\"gov_org_ids\": [{\"country\": \"FI\", \"contacts\": [{}]}]}");

        JsonNode item = http.get("/things/" + created.id()).json().path("gov_org_ids").get(0);
        assertThat(item.path("gov_org_id").isNull()).isTrue();
        assertThat(item.path("tags").isEmpty()).isTrue();
        assertThat(item.path("contacts").get(0).path("email").isNull()).isTrue();
        assertThat(item.path("contacts").get(0).path("rank").isNull()).isTrue();
    }

    @Test
    void shouldFillTheTypeName() {
        assertThat(http.post("/things", "{}").json().path("type").asText()).isEqualTo("thing");
    }

    @Test
    void shouldAnswerItemHasWrongTypeForThePathAsType() {
        Reply reply = rejected("{\"type\": \"things\"}");

        assertThat(reply.errorCode()).isEqualTo("ItemHasWrongType");
        assertThat(reply.json().path("type").asText()).isEqualTo("things");
        assertThat(reply.json().path("required_type").asText()).isEqualTo("thing");
    }

    @Test
    void shouldAnswerItemHasWrongTypeForANullType() {
        assertThat(rejected("{\"type\": null}").errorCode()).isEqualTo("ItemHasWrongType");
    }

    @Test
    void shouldAnswerUnknownKeysListingThem() {
        Reply reply = rejected("{\"name\": \"a\", \"colour\": \"red\", \"size\": 1}");

        assertThat(reply.errorCode()).isEqualTo("UnknownKeys");
        assertThat(reply.json().path("unknown_keys").toString()).isEqualTo("[\"colour\",\"size\"]");
        assertThat(reply.json().path("message").asText()).isEqualTo("Unknown keys in item: {unknown_keys}");
    }

    @Test
    void shouldAnswerUnknownKeysInsideADictList() {
        Reply reply = rejected("{\"gov_org_ids\": [{\"colour\": \"red\"}]}");

        assertThat(reply.errorCode()).isEqualTo("UnknownKeys");
        assertThat(reply.json().path("unknown_keys").get(0).asText()).isEqualTo("colour");
    }

    @Test
    void shouldAnswerUnknownKeysInsideANestedDictList() {
        Reply reply = rejected("{\"gov_org_ids\": [{\"contacts\": [{\"phone\": \"1\"}]}]}");

        assertThat(reply.json().path("unknown_keys").get(0).asText()).isEqualTo("phone");
    }

    @Test
    void shouldAnswerWrongTypeValueForAStringInAnIntegerField() {
        Reply reply = rejected("{\"employees\": \"12\"}");

        assertThat(reply.errorCode()).isEqualTo("WrongTypeValue");
        assertThat(reply.json().path("field_name").asText()).isEqualTo("employees");
        assertThat(reply.json().path("expected_type").asText()).isEqualTo("<class 'int'>");
        assertThat(reply.json().path("conflicting_type").asText()).isEqualTo("<class 'str'>");
    }

    @Test
    void shouldAnswerWrongTypeValueForAFloatInAnIntegerField() {
        assertThat(rejected("{\"employees\": 1.0}").json().path("conflicting_type").asText()).isEqualTo("<class 'float'>");
    }

    @Test
    void shouldAnswerWrongTypeValueForAnIntegerInABooleanField() {
        Reply reply = rejected("{\"is_active\": 1}");

        assertThat(reply.errorCode()).isEqualTo("WrongTypeValue");
        assertThat(reply.json().path("expected_type").asText()).isEqualTo("<class 'bool'>");
    }

    @Test
    void shouldAnswerWrongTypeValueForANumberInAStringField() {
        assertThat(rejected("{\"name\": 5}").errorCode()).isEqualTo("WrongTypeValue");
    }

    @Test
    void shouldAnswerWrongTypeValueInsideADictList() {
        Reply reply = rejected("{\"gov_org_ids\": [{\"contacts\": [{\"rank\": \"high\"}]}]}");

        assertThat(reply.json().path("field_name").asText()).isEqualTo("rank");
    }

    @Test
    void shouldAcceptBooleansInIntegerFields() {
        assertThat(http.post("/things", "{\"employees\": false}").status()).isEqualTo(201);
    }

    @Test
    void shouldAcceptNullForEverySimpleField() {
        assertThat(http.post("/things", "{\"name\": null, \"employees\": null, \"is_active\": null}").status())
                .isEqualTo(201);
    }

    @Test
    void shouldAnswerItemMustHaveListForANullList() {
        Reply reply = rejected("{\"names\": null}");

        assertThat(reply.errorCode()).isEqualTo("ItemMustHaveList");
        assertThat(reply.json().path("conflicting_type").asText()).isEqualTo("<class 'NoneType'>");
    }

    @Test
    void shouldAnswerItemMustHaveListForAString() {
        assertThat(rejected("{\"gov_org_ids\": \"FI\"}").errorCode()).isEqualTo("ItemMustHaveList");
    }

    @Test
    void shouldAnswerItemListMustContainStringsForANumberInAStringList() {
        Reply reply = rejected("{\"names\": [\"a\", 5]}");

        assertThat(reply.errorCode()).isEqualTo("ItemListMustContainStrings");
        assertThat(reply.json().path("position").asInt()).isEqualTo(1);
        assertThat(reply.json().path("conflicting_value").asText()).isEqualTo("5");
    }

    @Test
    void shouldAnswerItemListMustContainStringsForANonObjectInADictList() {
        Reply reply = rejected("{\"gov_org_ids\": [\"FI\"]}");

        assertThat(reply.errorCode()).isEqualTo("ItemListMustContainStrings");
        assertThat(reply.json().path("pos").asInt()).isZero();
        assertThat(reply.json().path("value").asText()).isEqualTo("FI");
    }

    @Test
    void shouldValidatePutBodiesLikePostBodies() {
        Reply created = http.post("/things", "{}");

        Reply reply = http.put("/things/" + created.id(), "{\"revision\": \"" + created.revision()
                + "\", \"colour\": \"red\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("UnknownKeys");
    }

    @Test
    void shouldStoreValuesExactlyAsGiven() {
        Reply created = http.post("/things", "{\"name\": \"  Mixed Case  \"}");

        assertThat(http.get("/things/" + created.id()).json().path("name").asText()).isEqualTo("  Mixed Case  ");
    }
}
