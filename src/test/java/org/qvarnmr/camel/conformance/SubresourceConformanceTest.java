package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;

/** Protocol 4.1: JSON subresources. */
@ExtendWith(ConformanceExtension.class)
class SubresourceConformanceTest {
    private static final String SYNC = "sync";

    private static String revisionOf(ObjectNode node) {
        return node.get("revision").textValue();
    }

    @Test
    void shouldStartWithThePrototypeValues(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");

        ObjectNode sync = qvarn.client().getSubresource(ITEMS, parent.get("id").textValue(), SYNC);

        sync.remove("revision");
        assertThat(sync).isEqualTo(json("{'sync_revision': '', 'sync_count': 0, 'sync_flag': false,"
                + " 'sync_sources': [{'sync_source': '', 'sync_id': ''}]}"));
    }

    @Test
    void shouldCarryTheParentRevisionAndNoIdOrType(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");

        ObjectNode sync = qvarn.client().getSubresource(ITEMS, parent.get("id").textValue(), SYNC);

        assertThat(revisionOf(sync)).isEqualTo(revisionOf(parent));
        assertThat(sync.has("id")).isFalse();
        assertThat(sync.has("type")).isFalse();
    }

    @Test
    void shouldGiveTheParentANewRevisionOnPut(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");
        String id = parent.get("id").textValue();

        ObjectNode put = qvarn.client().putSubresource(ITEMS, id, SYNC,
                json("{'sync_revision': 'r7', 'sync_count': 7}").put("revision", revisionOf(parent)));

        assertThat(revisionOf(put)).isNotEqualTo(revisionOf(parent));
        assertThat(revisionOf(qvarn.client().get(ITEMS, id))).isEqualTo(revisionOf(put));
        assertThat(put.has("id")).isFalse();
        assertThat(put.get("sync_revision").textValue()).isEqualTo("r7");
    }

    @Test
    void shouldReplaceTheWholeSubresourceOnPut(Fixture qvarn) {
        String id = qvarn.createId("{}");

        qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'sync_count': 3}"));

        ObjectNode sync = qvarn.client().getSubresource(ITEMS, id, SYNC);
        assertThat(sync.get("sync_count").intValue()).isEqualTo(3);
        assertThat(sync.get("sync_revision").isNull()).isTrue();
        assertThat(sync.get("sync_flag").isNull()).isTrue();
        assertThat(sync.get("sync_sources").isEmpty()).isTrue();
    }

    @Test
    void shouldFetchTheParentRevisionWhenPutSubresourceIsGivenNone(Fixture qvarn) {
        String id = qvarn.createId("{}");
        qvarn.client().update(ITEMS, id, qvarn.item("{'name': 'changed'}"));

        ObjectNode put = qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'sync_revision': 'x'}"));

        assertThat(revisionOf(put)).isEqualTo(revisionOf(qvarn.client().get(ITEMS, id)));
    }

    @Test
    void shouldKeepSubresourcesWhenTheParentIsReplaced(Fixture qvarn) {
        String id = qvarn.createId("{}");
        qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'sync_revision': 'kept'}"));

        qvarn.client().update(ITEMS, id, qvarn.item("{'name': 'new'}"));

        assertThat(qvarn.client().getSubresource(ITEMS, id, SYNC).get("sync_revision").textValue()).isEqualTo("kept");
    }

    @Test
    void shouldLeaveTheParentFieldsAloneOnPut(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{'name': 'Acme'}");
        String id = parent.get("id").textValue();

        qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'sync_revision': 'x'}"));

        ObjectNode read = qvarn.client().get(ITEMS, id);
        read.remove("revision");
        parent.remove("revision");
        assertThat(read).isEqualTo(parent);
    }

    @Test
    void shouldRefuseUnknownKeysInASubresource(Fixture qvarn) {
        String id = qvarn.createId("{}");

        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'name': 'x'}")));

        assertThat(e.errorCode()).isEqualTo("UnknownKeys");
    }

    @Test
    void shouldRefuseAWrongValueTypeInASubresource(Fixture qvarn) {
        String id = qvarn.createId("{}");

        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'sync_count': 'many'}")));

        assertThat(e.errorCode()).isEqualTo("WrongTypeValue");
    }

    @Test
    void shouldRequireARevisionOnPut(Fixture qvarn) {
        String id = qvarn.createId("{}");

        RawHttp.Reply reply = qvarn.raw().put("/" + ITEMS + "/" + id + "/" + SYNC, "{\"sync_revision\": \"x\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
    }

    @Test
    void shouldRefuseAStaleParentRevision(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");
        String id = parent.get("id").textValue();
        String current = revisionOf(qvarn.client().update(ITEMS, id, qvarn.item("{}")));

        QvarnConflictException e = assertThrows(QvarnConflictException.class, () -> qvarn.client()
                .putSubresource(ITEMS, id, SYNC, json("{}").put("revision", revisionOf(parent))));

        assertThat(e.errorCode()).isEqualTo("WrongRevision");
        assertThat(e.currentRevision()).isEqualTo(current);
    }

    @Test
    void shouldAnswer409ToAPutUnderAMissingParent(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE);

        QvarnConflictException e = assertThrows(QvarnConflictException.class, () -> qvarn.client()
                .putSubresource(ITEMS, unknown, SYNC, json("{}").put("revision", Fixture.unknownId("revision id"))));

        assertThat(e.errorCode()).isEqualTo("WrongRevision");
    }

    @Test
    void shouldAnswer404ForASubresourceOfAMissingParent(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE);

        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class,
                () -> qvarn.client().getSubresource(ITEMS, unknown, SYNC));

        assertThat(e.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldDeleteSubresourcesWithTheParent(Fixture qvarn) {
        String id = qvarn.createId("{}");
        qvarn.client().putSubresource(ITEMS, id, SYNC, json("{'sync_revision': 'x'}"));

        qvarn.client().delete(ITEMS, id);

        assertThrows(QvarnNotFoundException.class, () -> qvarn.client().getSubresource(ITEMS, id, SYNC));
        assertThat(qvarn.ids(qvarn.search().exact("sync_revision", "x"))).isEmpty();
    }
}
