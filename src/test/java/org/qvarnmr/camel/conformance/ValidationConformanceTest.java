package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.OTHER_TYPE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;

/** Protocol 2.3 and the body errors of 8.2: fill, then validate against the prototype. */
@ExtendWith(ConformanceExtension.class)
class ValidationConformanceTest {

    private static QvarnBadRequestException refused(Fixture qvarn, String body) {
        return assertThrows(QvarnBadRequestException.class, () -> qvarn.create(body));
    }

    private static List<String> unknownKeys(QvarnBadRequestException e) {
        List<String> keys = new ArrayList<>();
        e.errorBody().path("unknown_keys").forEach(key -> keys.add(key.asText()));
        return keys;
    }

    @Test
    void shouldRefuseAnUnknownTopLevelKey(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'name': 'a', 'colour': 'red'}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("UnknownKeys");
        assertThat(unknownKeys(e)).containsExactly("colour");
    }

    @Test
    void shouldRefuseAnUnknownKeyInsideADictList(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'gov_org_ids': [{'gov_org_id': '1', 'colour': 'red'}]}");

        assertThat(e.errorCode()).isEqualTo("UnknownKeys");
        assertThat(unknownKeys(e)).containsExactly("colour");
    }

    @Test
    void shouldRefuseAStringForAnIntegerField(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'employees': '12'}");

        assertThat(e.errorCode()).isEqualTo("WrongTypeValue");
        assertThat(e.errorBody().path("field_name").asText()).isEqualTo("employees");
    }

    @Test
    void shouldRefuseAFloatForAnIntegerField(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'employees': 1.5}");

        assertThat(e.errorCode()).isEqualTo("WrongTypeValue");
    }

    @Test
    void shouldRefuseAnIntegerForABooleanField(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'is_active': 1}");

        assertThat(e.errorCode()).isEqualTo("WrongTypeValue");
        assertThat(e.errorBody().path("field_name").asText()).isEqualTo("is_active");
    }

    @Test
    void shouldRefuseANumberForAStringField(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'gov_org_ids': [{'country': 7}]}");

        assertThat(e.errorCode()).isEqualTo("WrongTypeValue");
        assertThat(e.errorBody().path("field_name").asText()).isEqualTo("country");
    }

    @Test
    void shouldAcceptNullForEverySimpleField(Fixture qvarn) {
        ObjectNode created = qvarn.create("{'name': null, 'country': null, 'employees': null, 'is_active': null,"
                + " 'gov_org_ids': [{'country': null, 'contacts': [{'rank': null}]}]}");

        assertThat(qvarn.client().get(ITEMS, created.get("id").textValue())).isEqualTo(created);
    }

    /** Python's bool is an int: 0.82 on SQLite echoes true in the answer and stores 1. */
    @Tag("sqlite-backend")
    @Test
    void shouldAcceptABooleanForAnIntegerFieldAndStoreItAsANumber(Fixture qvarn) {
        ObjectNode created = qvarn.create("{'employees': true}");

        assertThat(created.get("employees").booleanValue()).isTrue();
        assertThat(qvarn.client().get(ITEMS, created.get("id").textValue()).get("employees").intValue()).isEqualTo(1);
    }

    /**
     * On PostgreSQL the integer field is a {@code bigint} column that refuses a boolean: 500 ({@code column
     * ... is of type bigint but expression is of type boolean}), and nothing is stored.
     */
    @Tag("postgres-backend")
    @Test
    void shouldFailWithA500ForABooleanInAnIntegerField(Fixture qvarn) {
        assertThatThrownBy(() -> qvarn.create("{'employees': true}"))
                .isInstanceOfSatisfying(QvarnException.class, e -> assertThat(e.status()).isEqualTo(500));

        assertThat(qvarn.ids(qvarn.search())).isEmpty();
    }

    @Test
    void shouldRefuseATypeOtherThanTheTypeName(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'type': '" + OTHER_TYPE + "'}");

        assertThat(e.errorCode()).isEqualTo("ItemHasWrongType");
        assertThat(e.errorBody().path("type").asText()).isEqualTo(OTHER_TYPE);
        assertThat(e.errorBody().path("required_type").asText()).isEqualTo(ITEM_TYPE);
    }

    @Test
    void shouldRefuseThePathAsTheType(Fixture qvarn) {
        assertThat(refused(qvarn, "{'type': '/" + ITEMS + "'}").errorCode()).isEqualTo("ItemHasWrongType");
        assertThat(refused(qvarn, "{'type': '" + ITEMS + "'}").errorCode()).isEqualTo("ItemHasWrongType");
    }

    @Test
    void shouldAcceptTheTypeNameAsTheType(Fixture qvarn) {
        assertThat(qvarn.create("{'type': '" + ITEM_TYPE + "'}").get("type").textValue()).isEqualTo(ITEM_TYPE);
    }

    @Test
    void shouldRefuseAnIdInANewResource(Fixture qvarn) {
        String id = Fixture.unknownId(ITEM_TYPE);

        QvarnBadRequestException e = refused(qvarn, "{'id': '" + id + "'}");

        assertThat(e.errorCode()).isEqualTo("NewItemHasIdAlready");
        assertThat(e.errorBody().path("item_id").asText()).isEqualTo(id);
    }

    @Test
    void shouldRefuseARevisionInANewResource(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'revision': 'r1'}");

        assertThat(e.errorCode()).isEqualTo("NewItemHasRevisionAlready");
        assertThat(e.errorBody().path("revision").asText()).isEqualTo("r1");
    }

    @Test
    void shouldRefuseNullForAListField(Fixture qvarn) {
        assertThat(refused(qvarn, "{'names': null}").errorCode()).isEqualTo("ItemMustHaveList");
    }

    @Test
    void shouldRefuseAStringForAListField(Fixture qvarn) {
        assertThat(refused(qvarn, "{'names': 'a'}").errorCode()).isEqualTo("ItemMustHaveList");
    }

    @Test
    void shouldRefuseANonStringInAStringList(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'names': ['a', 2]}");

        assertThat(e.errorCode()).isEqualTo("ItemListMustContainStrings");
        assertThat(e.errorBody().path("position").asInt()).isEqualTo(1);
    }

    /** 0.82 reports a non-object in a dict list with the string-list error and other field names. */
    @Test
    void shouldRefuseANonObjectInADictList(Fixture qvarn) {
        QvarnBadRequestException e = refused(qvarn, "{'gov_org_ids': ['a']}");

        assertThat(e.errorCode()).isEqualTo("ItemListMustContainStrings");
        assertThat(e.errorBody().path("pos").asInt()).isEqualTo(0);
    }

    @Test
    void shouldValidateAPutBodyLikeAPostBody(Fixture qvarn) {
        String id = qvarn.createId("{}");

        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.client().update(ITEMS, id, qvarn.item("{'colour': 'red'}")));

        assertThat(e.errorCode()).isEqualTo("UnknownKeys");
    }

    @Test
    void shouldRefuseABodyThatIsNotAnObject(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().post("/" + ITEMS, "[{\"name\": \"a\"}]");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ItemMustBeDict");
    }

    @Test
    void shouldRefuseAContentTypeWithACharset(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().send("POST", "/" + ITEMS, "application/json; charset=UTF-8",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of(), true);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ContentIsNotJSON");
    }

    @Test
    void shouldAcceptTheContentTypeInAnyCase(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().send("POST", "/" + ITEMS, "Application/JSON",
                ("{\"tag\": \"" + qvarn.tag() + "\"}").getBytes(StandardCharsets.UTF_8), Map.of(), true);
        qvarn.forget(ITEMS, reply.json().path("id").asText());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void shouldRefuseABodyThatIsNotJson(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().post("/" + ITEMS, "{name: a");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ContentIsNotJSON");
    }
}
