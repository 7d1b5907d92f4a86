package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.store.IdGenerator;

/** The fan-out table of section 6.4 and the notification endpoints of section 6.3. */
class NotificationTest extends ThingsServerTest {
    private String listener(String json) {
        return http.post("/things/listeners", json).id();
    }

    private List<JsonNode> notifications(String listenerId) {
        List<JsonNode> all = new ArrayList<>();
        for (String id : http.get("/things/listeners/" + listenerId + "/notifications").ids()) {
            all.add(http.get("/things/listeners/" + listenerId + "/notifications/" + id).json());
        }
        return all;
    }

    private List<String> changes(String listenerId) {
        return notifications(listenerId).stream().map(n -> n.path("resource_change").asText()).toList();
    }

    private Reply update(Reply resource) {
        return http.put("/things/" + resource.id(), "{\"revision\": \"" + resource.revision() + "\"}");
    }

    @Test
    void shouldNotifyNotifyOfNewListenersOfACreation() {
        String listener = listener("{\"notify_of_new\": true}");

        Reply created = http.post("/things", "{}");

        List<JsonNode> notifications = notifications(listener);
        assertThat(notifications).hasSize(1);
        JsonNode notification = notifications.get(0);
        assertThat(notification.path("type").asText()).isEqualTo("notification");
        assertThat(notification.path("listener_id").asText()).isEqualTo(listener);
        assertThat(notification.path("resource_id").asText()).isEqualTo(created.id());
        assertThat(notification.path("resource_revision").asText()).isEqualTo(created.revision());
        assertThat(notification.path("resource_change").asText()).isEqualTo("created");
        assertThat(notification.path("id").asText())
                .startsWith(IdGenerator.sha512Hex("thing__aux_notification").substring(0, 4) + "-");
        assertThat(notification.path("revision").asText()).startsWith("38ce-");
        long micros = notification.path("last_modified").asLong();
        assertThat(notification.path("last_modified").isIntegralNumber()).isTrue();
        assertThat(Math.abs(micros / 1000 - System.currentTimeMillis())).isLessThan(60_000);
    }

    @Test
    void shouldNotTellListenOnAllListenersAboutCreations() {
        String listener = listener("{\"listen_on_all\": true}");

        http.post("/things", "{}");

        assertThat(changes(listener)).isEmpty();
    }

    @Test
    void shouldTellListenOnAllListenersAboutUpdatesAndDeletes() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"listen_on_all\": true}");

        Reply updated = update(created);
        http.delete("/things/" + created.id());

        List<JsonNode> notifications = notifications(listener);
        assertThat(changes(listener)).containsExactly("updated", "deleted");
        assertThat(notifications.get(0).path("resource_revision").asText()).isEqualTo(updated.revision());
        assertThat(notifications.get(1).path("resource_revision").isNull()).isTrue();
    }

    @Test
    void shouldTellListenOnListenersOnlyAboutTheirIds() {
        Reply watched = http.post("/things", "{}");
        Reply other = http.post("/things", "{}");
        String listener = listener("{\"listen_on\": [\"" + watched.id() + "\"]}");

        update(watched);
        update(other);

        List<JsonNode> notifications = notifications(listener);
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).path("resource_id").asText()).isEqualTo(watched.id());
    }

    @Test
    void shouldNotTellNotifyOfNewListenersAboutUpdates() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"notify_of_new\": true}");

        update(created);
        http.delete("/things/" + created.id());

        assertThat(changes(listener)).isEmpty();
    }

    @Test
    void shouldNotAddNewIdsToListenOn() {
        String listener = listener("{\"notify_of_new\": true}");

        http.post("/things", "{}");

        assertThat(http.get("/things/listeners/" + listener).json().path("listen_on").isEmpty()).isTrue();
    }

    @Test
    void shouldSendTwoNotificationsToAListenerInBothLists() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"listen_on_all\": true, \"listen_on\": [\"" + created.id() + "\"]}");

        update(created);
        http.delete("/things/" + created.id());

        assertThat(changes(listener)).containsExactly("updated", "updated", "deleted", "deleted");
    }

    @Test
    void shouldNotifyTheDeleteOfAnIdThatNeverExisted() {
        String listener = listener("{\"listen_on_all\": true}");

        http.delete("/things/never-existed");

        List<JsonNode> notifications = notifications(listener);
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).path("resource_id").asText()).isEqualTo("never-existed");
        assertThat(notifications.get(0).path("resource_change").asText()).isEqualTo("deleted");
    }

    @Test
    void shouldNotifyASubresourcePutAsAnUpdateWithTheNewParentRevision() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"listen_on_all\": true}");

        Reply put = http.put("/things/" + created.id() + "/sync", "{\"revision\": \"" + created.revision() + "\"}");

        List<JsonNode> notifications = notifications(listener);
        assertThat(changes(listener)).containsExactly("updated");
        assertThat(notifications.get(0).path("resource_revision").asText()).isEqualTo(put.revision());
    }

    @Test
    void shouldNotifyAFilePutAsAnUpdate() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"listen_on_all\": true}");

        http.send("PUT", "/things/" + created.id() + "/document", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8), "Revision", created.revision());

        assertThat(changes(listener)).containsExactly("updated");
    }

    @Test
    void shouldNotNotifyAboutFailedWrites() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"listen_on_all\": true, \"notify_of_new\": true}");

        http.put("/things/" + created.id(), "{\"revision\": \"38ce-x\"}");
        http.post("/things", "{\"colour\": \"red\"}");

        assertThat(changes(listener)).isEmpty();
    }

    @Test
    void shouldSendOneNotificationPerChangeWithoutCoalescing() {
        Reply created = http.post("/things", "{}");
        String listener = listener("{\"listen_on_all\": true}");

        Reply first = update(created);
        Reply second = update(first);
        Reply third = update(second);

        assertThat(notifications(listener)).extracting(n -> n.path("resource_revision").asText())
                .containsExactly(first.revision(), second.revision(), third.revision());
    }

    @Test
    void shouldListNotificationsByStrictlyIncreasingLastModified() {
        String listener = listener("{\"notify_of_new\": true}");
        for (int i = 0; i < 20; i++) {
            http.post("/things", "{}");
        }

        List<Long> times = notifications(listener).stream().map(n -> n.path("last_modified").asLong()).toList();

        assertThat(times).hasSize(20).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldIgnoreTheListenerIdWhenReadingANotification() {
        String listener = listener("{\"notify_of_new\": true}");
        http.post("/things", "{}");
        String notification = http.get("/things/listeners/" + listener + "/notifications").ids().get(0);

        Reply read = http.get("/things/listeners/someone-else/notifications/" + notification);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("listener_id").asText()).isEqualTo(listener);
    }

    @Test
    void shouldAnswer404ItemDoesNotExistForAnUnknownNotification() {
        Reply reply = http.get("/things/listeners/x/notifications/unknown");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldDeleteANotification() {
        String listener = listener("{\"notify_of_new\": true}");
        http.post("/things", "{}");
        http.post("/things", "{}");
        List<String> ids = http.get("/things/listeners/" + listener + "/notifications").ids();

        Reply deleted = http.delete("/things/listeners/other/notifications/" + ids.get(0));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.get("/things/listeners/" + listener + "/notifications").ids()).containsExactly(ids.get(1));
    }

    @Test
    void shouldAnswer200ForDeleteOfAnUnknownNotification() {
        assertThat(http.delete("/things/listeners/x/notifications/unknown").status()).isEqualTo(200);
    }

    @Test
    void shouldListNothingForAnUnknownListener() {
        Reply reply = http.get("/things/listeners/unknown/notifications");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.ids()).isEmpty();
    }

    @Test
    void shouldNotNotifyAboutListenerChanges() {
        String listener = listener("{\"notify_of_new\": true, \"listen_on_all\": true}");

        Reply other = http.post("/things/listeners", "{}");
        http.put("/things/listeners/" + other.id(), "{\"revision\": \"" + other.revision() + "\"}");
        http.delete("/things/listeners/" + other.id());

        assertThat(changes(listener)).isEmpty();
    }
}
