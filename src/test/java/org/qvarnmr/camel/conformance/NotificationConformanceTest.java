package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;

/** Protocol 6.1, 6.3 and 6.5: notification shape, endpoints and order. */
@ExtendWith(ConformanceExtension.class)
class NotificationConformanceTest {
    private static final String ALL = "{'notify_of_new': true, 'listen_on_all': true}";

    private static String idOf(ObjectNode node) {
        return node.get("id").textValue();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    @Test
    void shouldDescribeAChangeWithExactlyTheNotificationFields(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        ObjectNode created = qvarn.create("{}");

        ObjectNode notification = qvarn.notificationsAbout(listener, idOf(created)).get(0);

        List<String> fields = new ArrayList<>();
        notification.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("id", "type", "revision", "listener_id", "resource_id",
                "resource_revision", "resource_change", "last_modified");
        assertThat(notification.get("type").textValue()).isEqualTo("notification");
        assertThat(notification.get("listener_id").textValue()).isEqualTo(listener);
        assertThat(notification.get("resource_revision")).isEqualTo(created.get("revision"));
        assertThat(notification.get("resource_change").textValue()).isEqualTo("created");
        assertThat(notification.get("id").textValue())
                .startsWith(Fixture.sha512Hex(ITEM_TYPE + "__aux_notification").substring(0, 4) + "-");
    }

    /** An integer count of microseconds since the epoch (checked within a day, for clock skew). */
    @Test
    void shouldStampNotificationsInMicrosecondsSinceTheEpoch(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        Instant now = Instant.now();
        String id = qvarn.createId("{}");

        ObjectNode notification = qvarn.notificationsAbout(listener, id).get(0);

        assertThat(notification.get("last_modified").isIntegralNumber()).isTrue();
        assertThat(notification.get("last_modified").longValue()).isBetween(
                micros(now.minus(1, ChronoUnit.DAYS)), micros(now.plus(1, ChronoUnit.DAYS)));
    }

    @Test
    void shouldListNotificationsOldestFirst(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        ObjectNode created = qvarn.create("{}");
        String id = idOf(created);
        ObjectNode first = qvarn.client().update(ITEMS, id, qvarn.item("{'name': '1'}"));
        ObjectNode second = qvarn.client().update(ITEMS, id, qvarn.item("{'name': '2'}"));
        qvarn.client().delete(ITEMS, id);

        List<ObjectNode> notifications = qvarn.notificationsAbout(listener, id);

        assertThat(notifications).extracting(n -> n.get("resource_change").textValue())
                .containsExactly("created", "updated", "updated", "deleted");
        assertThat(notifications).extracting(n -> n.get("resource_revision").textValue())
                .containsExactly(created.get("revision").textValue(), first.get("revision").textValue(),
                        second.get("revision").textValue(), null);
        assertThat(notifications).extracting(n -> n.get("last_modified").longValue()).isSorted();
    }

    @Test
    void shouldListNoNotificationsForAnUnknownListener(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE + "__aux_listener");

        assertThat(qvarn.client().listNotificationIds(ITEMS, unknown)).isEmpty();
    }

    @Test
    void shouldIgnoreTheListenerIdWhenReadingANotification(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        String other = idOf(qvarn.listener("{}"));
        qvarn.createId("{}");
        String nid = qvarn.client().listNotificationIds(ITEMS, listener).get(0);

        ObjectNode viaOther = qvarn.client().getNotification(ITEMS, other, nid);
        ObjectNode viaUnknown = qvarn.client().getNotification(ITEMS,
                Fixture.unknownId(ITEM_TYPE + "__aux_listener"), nid);

        assertThat(viaOther).isEqualTo(qvarn.client().getNotification(ITEMS, listener, nid));
        assertThat(viaUnknown).isEqualTo(viaOther);
        assertThat(viaOther.get("listener_id").textValue()).isEqualTo(listener);
    }

    @Test
    void shouldIgnoreTheListenerIdWhenDeletingANotification(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        String other = idOf(qvarn.listener("{}"));
        qvarn.createId("{}");
        String nid = qvarn.client().listNotificationIds(ITEMS, listener).get(0);

        qvarn.client().deleteNotification(ITEMS, other, nid);

        assertThat(qvarn.client().listNotificationIds(ITEMS, listener)).doesNotContain(nid);
    }

    @Test
    void shouldDeleteANotification(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        qvarn.createId("{}");
        String nid = qvarn.client().listNotificationIds(ITEMS, listener).get(0);

        qvarn.client().deleteNotification(ITEMS, listener, nid);

        assertThat(qvarn.client().listNotificationIds(ITEMS, listener)).doesNotContain(nid);
        assertThrows(QvarnNotFoundException.class, () -> qvarn.client().getNotification(ITEMS, listener, nid));
    }

    @Test
    void shouldAnswer404ItemDoesNotExistForAnUnknownNotification(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        String unknown = Fixture.unknownId(ITEM_TYPE + "__aux_notification");

        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class,
                () -> qvarn.client().getNotification(ITEMS, listener, unknown));

        assertThat(e.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldAnswer200WithAnEmptyBodyToADeleteOfAnUnknownNotification(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        String unknown = Fixture.unknownId(ITEM_TYPE + "__aux_notification");

        qvarn.client().deleteNotification(ITEMS, listener, unknown);

        RawHttp.Reply reply = qvarn.raw().delete("/" + ITEMS + "/listeners/" + listener + "/notifications/" + unknown);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void shouldDeleteTheNotificationsOfADeletedListener(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        qvarn.createId("{}");
        String nid = qvarn.client().listNotificationIds(ITEMS, listener).get(0);

        qvarn.client().deleteListener(ITEMS, listener);

        assertThrows(QvarnNotFoundException.class, () -> qvarn.client().getNotification(ITEMS, listener, nid));
        assertThat(qvarn.client().listNotificationIds(ITEMS, listener)).isEmpty();
    }

    @Test
    void shouldKeepNotificationsUntilTheyAreDeleted(Fixture qvarn) {
        String listener = idOf(qvarn.listener(ALL));
        String id = qvarn.createId("{}");
        List<ObjectNode> before = qvarn.notificationsAbout(listener, id);

        qvarn.client().get(ITEMS, id);

        assertThat(qvarn.notificationsAbout(listener, id)).isEqualTo(before).hasSize(1);
    }
}
