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

/** Protocol 6.1 and 6.2: the listener endpoints. */
@ExtendWith(ConformanceExtension.class)
class ListenerConformanceTest {

    private static String idOf(ObjectNode node) {
        return node.get("id").textValue();
    }

    @Test
    void shouldFillAListenerOnCreate(Fixture qvarn) {
        ObjectNode listener = qvarn.listener("{'notify_of_new': true}");

        assertThat(listener.get("type").textValue()).isEqualTo("listener");
        assertThat(listener.get("notify_of_new").booleanValue()).isTrue();
        assertThat(listener.get("listen_on_all").isNull()).isTrue();
        assertThat(listener.get("listen_on").isEmpty()).isTrue();
        assertThat(listener.get("revision").textValue()).startsWith("38ce-");
    }

    @Test
    void shouldAnswerACreateWith201AndTheHttpsLocationOfTheListener(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().post("/" + ITEMS + "/listeners", "{\"listen_on_all\": true}");
        String id = reply.json().path("id").asText();
        if (!id.isEmpty()) {
            qvarn.client().deleteListener(ITEMS, id);
        }

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location")).startsWith("https://").endsWith("/" + ITEMS + "/listeners/" + id);
    }

    /** Listener ids hash the internal table name {@code <type>__aux_listener}. */
    @Test
    void shouldDeriveListenerIdsFromTheListenerTable(Fixture qvarn) {
        String id = idOf(qvarn.listener("{}"));

        assertThat(id).startsWith(Fixture.sha512Hex(ITEM_TYPE + "__aux_listener").substring(0, 4) + "-");
    }

    @Test
    void shouldReadAListener(Fixture qvarn) {
        String target = qvarn.createId("{}");
        ObjectNode created = qvarn.listener("{'notify_of_new': false, 'listen_on_all': true,"
                + " 'listen_on': ['" + target + "']}");

        ObjectNode read = qvarn.client().getListener(ITEMS, idOf(created));

        assertThat(read.get("listen_on_all").asBoolean()).isTrue();
        assertThat(read.get("listen_on").get(0).textValue()).isEqualTo(target);
        assertThat(read.get("revision")).isEqualTo(created.get("revision"));
        assertThat(read.get("type").textValue()).isEqualTo("listener");
    }

    @Test
    void shouldReplaceAListenerWhole(Fixture qvarn) {
        ObjectNode created = qvarn.listener("{'notify_of_new': true, 'listen_on_all': true}");

        ObjectNode updated = qvarn.client().updateListener(ITEMS, idOf(created), json("{'listen_on': ['x']}"));

        assertThat(updated.get("revision")).isNotEqualTo(created.get("revision"));
        ObjectNode read = qvarn.client().getListener(ITEMS, idOf(created));
        assertThat(read.get("notify_of_new").isNull()).isTrue();
        assertThat(read.get("listen_on_all").isNull()).isTrue();
        assertThat(read.get("listen_on").get(0).textValue()).isEqualTo("x");
    }

    @Test
    void shouldRefuseAStaleListenerRevision(Fixture qvarn) {
        ObjectNode created = qvarn.listener("{}");
        String current = qvarn.client().updateListener(ITEMS, idOf(created), json("{}")).get("revision").textValue();

        QvarnConflictException e = assertThrows(QvarnConflictException.class, () -> qvarn.client()
                .updateListener(ITEMS, idOf(created), json("{}").put("revision", created.get("revision").textValue())));

        assertThat(e.errorCode()).isEqualTo("WrongRevision");
        assertThat(e.currentRevision()).isEqualTo(current);
    }

    @Test
    void shouldRequireARevisionOnPut(Fixture qvarn) {
        String id = idOf(qvarn.listener("{}"));

        RawHttp.Reply reply = qvarn.raw().put("/" + ITEMS + "/listeners/" + id, "{\"listen_on_all\": true}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
    }

    @Test
    void shouldRefuseUnknownKeysInAListener(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.listener("{'listen_on_all': true, 'resource_type': 'x'}"));

        assertThat(e.errorCode()).isEqualTo("UnknownKeys");
    }

    @Test
    void shouldRefuseATypeOtherThanListener(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.listener("{'type': '" + ITEM_TYPE + "'}"));

        assertThat(e.errorCode()).isEqualTo("ItemHasWrongType");
    }

    @Test
    void shouldRefuseAnIdInANewListener(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.listener("{'id': 'x'}"));

        assertThat(e.errorCode()).isEqualTo("NewItemHasIdAlready");
    }

    @Test
    void shouldListListeners(Fixture qvarn) {
        String first = idOf(qvarn.listener("{}"));
        String second = idOf(qvarn.listener("{}"));

        assertThat(qvarn.client().listListeners(ITEMS)).contains(first, second);
    }

    @Test
    void shouldListOnlyTheListenersOfTheType(Fixture qvarn) {
        String other = idOf(qvarn.listenerOn(Fixture.OTHERS, "{}"));

        assertThat(qvarn.client().listListeners(ITEMS)).doesNotContain(other);
        assertThrows(QvarnNotFoundException.class, () -> qvarn.client().getListener(ITEMS, other));
    }

    @Test
    void shouldDeleteAListener(Fixture qvarn) {
        String id = idOf(qvarn.listener("{}"));

        qvarn.client().deleteListener(ITEMS, id);

        assertThat(qvarn.client().listListeners(ITEMS)).doesNotContain(id);
        assertThrows(QvarnNotFoundException.class, () -> qvarn.client().getListener(ITEMS, id));
    }

    @Test
    void shouldAnswer200WithAnEmptyBodyToADeleteOfAnUnknownListener(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE + "__aux_listener");

        qvarn.client().deleteListener(ITEMS, unknown);

        RawHttp.Reply reply = qvarn.raw().delete("/" + ITEMS + "/listeners/" + unknown);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownListener(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE + "__aux_listener");

        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class,
                () -> qvarn.client().getListener(ITEMS, unknown));

        assertThat(e.errorCode()).isEqualTo("ItemDoesNotExist");
    }
}
