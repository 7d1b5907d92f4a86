package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.OTHER_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;

/** Protocol 1.1 and 3: ids and revisions, create, list, read, replace and delete. */
@ExtendWith(ConformanceExtension.class)
class ResourceConformanceTest {
    private static final String ID_FORM = "[0-9a-f]{4}-[0-9a-f]{32}-[0-9a-f]{8}";
    private static final List<String> FIELDS = List.of("type", "id", "revision", "tag", "name", "names", "country",
            "employees", "is_active", "gov_org_ids");

    /** Section 1.1: the first part hashes the type string, the last the first two parts. */
    private static void assertIdOf(String typeString, String id) {
        assertThat(id).matches(ID_FORM);
        String[] parts = id.split("-");
        assertThat(parts[0]).isEqualTo(Fixture.sha512Hex(typeString).substring(0, 4));
        assertThat(parts[2]).isEqualTo(Fixture.sha512Hex(parts[0] + parts[1]).substring(0, 8));
    }

    @Test
    void shouldAnswerACreateWith201AndTheHttpsLocationOfTheNewResource(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().post("/" + ITEMS, "{\"tag\": \"" + qvarn.tag() + "\"}");
        String id = reply.json().path("id").asText();
        qvarn.forget(ITEMS, id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.header("Location")).startsWith("https://").endsWith("/" + ITEMS + "/" + id);
    }

    @Test
    void shouldDeriveResourceIdsFromTheTypeName(Fixture qvarn) {
        String id = qvarn.createId("{}");

        assertIdOf(ITEM_TYPE, id);
    }

    @Test
    void shouldDeriveRevisionsFromTheWordsRevisionId(Fixture qvarn) {
        String revision = qvarn.create("{}").get("revision").textValue();

        assertIdOf("revision id", revision);
        assertThat(revision).startsWith("38ce-");
    }

    @Test
    void shouldFillMissingSimpleFieldsWithNullAndListsWithEmptyLists(Fixture qvarn) {
        ObjectNode created = qvarn.create("{'name': 'Acme'}");

        assertThat(created.get("country").isNull()).isTrue();
        assertThat(created.get("employees").isNull()).isTrue();
        assertThat(created.get("is_active").isNull()).isTrue();
        assertThat(created.get("names")).isEqualTo(json("{'x': []}").get("x"));
        assertThat(created.get("gov_org_ids")).isEqualTo(json("{'x': []}").get("x"));
    }

    @Test
    void shouldFillMissingFieldsInsideDictListItems(Fixture qvarn) {
        ObjectNode created = qvarn.create("{'gov_org_ids': [{'gov_org_id': '1'}]}");

        JsonNode item = created.get("gov_org_ids").get(0);
        assertThat(item.get("country").isNull()).isTrue();
        assertThat(item.get("tags").isEmpty()).isTrue();
        assertThat(item.get("contacts").isEmpty()).isTrue();
    }

    @Test
    void shouldFillTheTypeName(Fixture qvarn) {
        assertThat(qvarn.create("{}").get("type").textValue()).isEqualTo(ITEM_TYPE);
    }

    @Test
    void shouldReadBackEveryPrototypeFieldButNoSubresourceField(Fixture qvarn) {
        ObjectNode created = qvarn.create("{'name': 'Acme', 'employees': 3, 'is_active': true, 'names': ['a', 'b']}");

        ObjectNode read = qvarn.client().get(ITEMS, created.get("id").textValue());

        assertThat(read).isEqualTo(created);
        List<String> names = new ArrayList<>();
        read.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(FIELDS);
    }

    @Test
    void shouldStoreValuesExactlyAsGiven(Fixture qvarn) {
        String id = qvarn.createId("{'name': '  Mixed Case  ', 'names': ['B', 'a', 'B']}");

        ObjectNode read = qvarn.client().get(ITEMS, id);

        assertThat(read.get("name").textValue()).isEqualTo("  Mixed Case  ");
        assertThat(read.get("names")).isEqualTo(json("{'x': ['B', 'a', 'B']}").get("x"));
    }

    @Test
    void shouldAnswer404ItemDoesNotExistForAnUnknownId(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE);

        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class, () -> qvarn.client().get(ITEMS, unknown));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo("ItemDoesNotExist");
        assertThat(e.errorBody().path("item_id").asText()).isEqualTo(unknown);
        assertThat(qvarn.client().find(ITEMS, unknown)).isEmpty();
    }

    @Test
    void shouldNotFindTheIdOfAnotherType(Fixture qvarn) {
        String other = qvarn.createIn(Fixture.OTHERS, qvarn.item("{}")).get("id").textValue();

        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class, () -> qvarn.client().get(ITEMS, other));

        assertThat(e.errorCode()).isEqualTo("ItemDoesNotExist");
        assertIdOf(OTHER_TYPE, other);
    }

    @Test
    void shouldListTheIdsOfTheType(Fixture qvarn) {
        String first = qvarn.createId("{}");
        String second = qvarn.createId("{}");

        assertThat(qvarn.client().listIds(ITEMS)).contains(first, second);
        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS);
        assertThat(reply.json().size()).isEqualTo(1);
        reply.json().get("resources").forEach(entry -> assertThat(entry.size()).as(entry.toString()).isEqualTo(1));
    }

    @Test
    void shouldRequireARevisionOnPut(Fixture qvarn) {
        String id = qvarn.createId("{}");

        RawHttp.Reply reply = qvarn.raw().put("/" + ITEMS + "/" + id, "{\"name\": \"x\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
        assertThat(reply.json().path("item_id").asText()).isEqualTo(id);
    }

    @Test
    void shouldRefuseAWrongRevisionAndNameTheCurrentOne(Fixture qvarn) {
        ObjectNode created = qvarn.create("{}");
        String id = created.get("id").textValue();
        String current = created.get("revision").textValue();
        String stale = Fixture.unknownId("revision id");

        QvarnConflictException e = assertThrows(QvarnConflictException.class,
                () -> qvarn.client().update(ITEMS, id, qvarn.item("{}").put("revision", stale)));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo("WrongRevision");
        assertThat(e.currentRevision()).isEqualTo(current);
        assertThat(e.errorBody().path("update").asText()).isEqualTo(stale);
        assertThat(e.errorBody().path("item_id").asText()).isEqualTo(id);
    }

    @Test
    void shouldRefuseAPutToAnUnknownIdAsAConflictWithoutCurrentRevision(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE);

        QvarnConflictException e = assertThrows(QvarnConflictException.class, () -> qvarn.client().update(ITEMS,
                unknown, qvarn.item("{}").put("revision", Fixture.unknownId("revision id"))));

        assertThat(e.errorCode()).isEqualTo("WrongRevision");
        assertThat(e.currentRevision()).isNull();
    }

    @Test
    void shouldFetchTheCurrentRevisionWhenUpdateIsGivenNone(Fixture qvarn) {
        ObjectNode created = qvarn.create("{'name': 'before'}");
        String id = created.get("id").textValue();

        ObjectNode updated = qvarn.client().update(ITEMS, id, qvarn.item("{'name': 'after'}"));

        assertThat(updated.get("revision").textValue()).isNotEqualTo(created.get("revision").textValue());
        assertThat(qvarn.client().get(ITEMS, id).get("name").textValue()).isEqualTo("after");
    }

    @Test
    void shouldAnswerAPutWithTheStoredResourceTheUrlIdAndANewRevision(Fixture qvarn) {
        ObjectNode created = qvarn.create("{}");
        String id = created.get("id").textValue();

        ObjectNode updated = qvarn.client().update(ITEMS, id,
                qvarn.item("{'name': 'x'}").put("revision", created.get("revision").textValue()));

        assertThat(updated.get("id").textValue()).isEqualTo(id);
        assertIdOf("revision id", updated.get("revision").textValue());
        assertThat(updated.get("revision")).isNotEqualTo(created.get("revision"));
        assertThat(updated.get("type").textValue()).isEqualTo(ITEM_TYPE);
        assertThat(qvarn.client().get(ITEMS, id)).isEqualTo(updated);
    }

    @Test
    void shouldReplaceTheWholeResourceOnPut(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'Acme', 'country': 'FI', 'employees': 5, 'names': ['a'],"
                + " 'gov_org_ids': [{'gov_org_id': '1'}]}");

        qvarn.client().update(ITEMS, id, qvarn.item("{'name': 'Acme'}"));

        ObjectNode read = qvarn.client().get(ITEMS, id);
        assertThat(read.get("name").textValue()).isEqualTo("Acme");
        assertThat(read.get("country").isNull()).isTrue();
        assertThat(read.get("employees").isNull()).isTrue();
        assertThat(read.get("names").isEmpty()).isTrue();
        assertThat(read.get("gov_org_ids").isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAPutWhoseIdDiffersFromTheUrl(Fixture qvarn) {
        String id = qvarn.createId("{}");
        String other = qvarn.createId("{}");

        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.client().update(ITEMS, id, qvarn.item("{}").put("id", other)));

        assertThat(e.errorCode()).isEqualTo("ItemHasConflictingId");
    }

    @Test
    void shouldDeleteAResource(Fixture qvarn) {
        String id = qvarn.createId("{}");

        qvarn.client().delete(ITEMS, id);

        assertThat(qvarn.client().find(ITEMS, id)).isEmpty();
        assertThat(qvarn.client().listIds(ITEMS)).doesNotContain(id);
    }

    @Test
    void shouldAnswer200WithAnEmptyBodyToADeleteOfAnUnknownId(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE);

        qvarn.client().delete(ITEMS, unknown);

        RawHttp.Reply reply = qvarn.raw().delete("/" + ITEMS + "/" + unknown);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }
}
