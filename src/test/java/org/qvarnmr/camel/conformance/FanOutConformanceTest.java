package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protocol 6.4: which listeners hear of which change. Each test sets up the listener kinds of the table:
 * {@code notify_of_new} only, {@code listen_on_all} only, the id in {@code listen_on}, both of the
 * latter, and no flag at all.
 */
@ExtendWith(ConformanceExtension.class)
class FanOutConformanceTest {

    /** The listeners of one test, and what each heard about one resource. */
    private record Listeners(Fixture qvarn, String onNew, String onAll, String onId, String onBoth, String none) {
        static Listeners around(Fixture qvarn, String resourceId) {
            return new Listeners(qvarn,
                    id(qvarn.listener("{'notify_of_new': true}")),
                    id(qvarn.listener("{'listen_on_all': true}")),
                    id(qvarn.listener("{'listen_on': ['" + resourceId + "']}")),
                    id(qvarn.listener("{'listen_on_all': true, 'listen_on': ['" + resourceId + "']}")),
                    id(qvarn.listener("{}")));
        }

        /** {@code resource_change:resource_revision} of each notification the listener has about the id. */
        List<String> heard(String listener, String resourceId) {
            return qvarn.notificationsAbout(listener, resourceId).stream()
                    .map(n -> n.get("resource_change").textValue() + ":" + n.get("resource_revision").textValue())
                    .toList();
        }
    }

    private static String id(ObjectNode node) {
        return node.get("id").textValue();
    }

    private static String revisionOf(ObjectNode node) {
        return node.get("revision").textValue();
    }

    @Test
    void shouldNotifyACreationOnlyToNotifyOfNewListeners(Fixture qvarn) {
        Listeners listeners = Listeners.around(qvarn, Fixture.unknownId(ITEM_TYPE));

        ObjectNode created = qvarn.create("{}");

        String id = id(created);
        assertThat(listeners.heard(listeners.onNew(), id)).containsExactly("created:" + revisionOf(created));
        assertThat(listeners.heard(listeners.onAll(), id)).isEmpty();
        assertThat(listeners.heard(listeners.onBoth(), id)).isEmpty();
        assertThat(listeners.heard(listeners.none(), id)).isEmpty();
    }

    @Test
    void shouldNotifyAnUpdateToListenOnAndListenOnAllListeners(Fixture qvarn) {
        String id = qvarn.createId("{}");
        Listeners listeners = Listeners.around(qvarn, id);

        String revision = revisionOf(qvarn.client().update(ITEMS, id, qvarn.item("{'name': 'x'}")));

        assertThat(listeners.heard(listeners.onId(), id)).containsExactly("updated:" + revision);
        assertThat(listeners.heard(listeners.onAll(), id)).containsExactly("updated:" + revision);
        assertThat(listeners.heard(listeners.onNew(), id)).isEmpty();
        assertThat(listeners.heard(listeners.none(), id)).isEmpty();
    }

    @Test
    void shouldNotifyASubresourcePutAsAnUpdateWithTheNewParentRevision(Fixture qvarn) {
        String id = qvarn.createId("{}");
        Listeners listeners = Listeners.around(qvarn, id);

        String revision = revisionOf(qvarn.client().putSubresource(ITEMS, id, "sync", json("{'sync_count': 1}")));

        assertThat(listeners.heard(listeners.onId(), id)).containsExactly("updated:" + revision);
        assertThat(listeners.heard(listeners.onAll(), id)).containsExactly("updated:" + revision);
        assertThat(listeners.heard(listeners.onNew(), id)).isEmpty();
    }

    @Test
    void shouldNotifyAFilePutAsAnUpdateWithTheNewParentRevision(Fixture qvarn) {
        ObjectNode created = qvarn.create("{}");
        String id = id(created);
        Listeners listeners = Listeners.around(qvarn, id);

        RawHttp.Reply reply = qvarn.raw().send("PUT", "/" + ITEMS + "/" + id + "/document", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8), Map.of("Revision", revisionOf(created)), true);

        String revision = reply.json().path("revision").asText();
        assertThat(listeners.heard(listeners.onId(), id)).containsExactly("updated:" + revision);
        assertThat(listeners.heard(listeners.onAll(), id)).containsExactly("updated:" + revision);
        assertThat(listeners.heard(listeners.onNew(), id)).isEmpty();
    }

    @Test
    void shouldNotifyADeletionWithoutARevision(Fixture qvarn) {
        String id = qvarn.createId("{}");
        Listeners listeners = Listeners.around(qvarn, id);

        qvarn.client().delete(ITEMS, id);

        assertThat(listeners.heard(listeners.onId(), id)).containsExactly("deleted:null");
        assertThat(listeners.heard(listeners.onAll(), id)).containsExactly("deleted:null");
        assertThat(listeners.heard(listeners.onNew(), id)).isEmpty();
        assertThat(listeners.heard(listeners.none(), id)).isEmpty();
    }

    /** The listen_on and listen_on_all queries are concatenated without de-duplication. */
    @Test
    void shouldNotifyTwiceAListenerWithTheIdInListenOnAndListenOnAll(Fixture qvarn) {
        String id = qvarn.createId("{}");
        Listeners listeners = Listeners.around(qvarn, id);

        String revision = revisionOf(qvarn.client().update(ITEMS, id, qvarn.item("{}")));
        qvarn.client().delete(ITEMS, id);

        assertThat(listeners.heard(listeners.onBoth(), id))
                .containsExactly("updated:" + revision, "updated:" + revision, "deleted:null", "deleted:null");
    }

    @Test
    void shouldNotifyTheDeletionOfAnIdThatNeverExisted(Fixture qvarn) {
        String unknown = Fixture.unknownId(ITEM_TYPE);
        Listeners listeners = Listeners.around(qvarn, unknown);

        qvarn.client().delete(ITEMS, unknown);

        assertThat(listeners.heard(listeners.onAll(), unknown)).containsExactly("deleted:null");
        assertThat(listeners.heard(listeners.onId(), unknown)).containsExactly("deleted:null");
        assertThat(listeners.heard(listeners.onNew(), unknown)).isEmpty();
    }

    @Test
    void shouldNotifyEveryChangeWithoutCoalescing(Fixture qvarn) {
        String id = qvarn.createId("{}");
        Listeners listeners = Listeners.around(qvarn, id);

        String first = revisionOf(qvarn.client().update(ITEMS, id, qvarn.item("{'name': '1'}")));
        String second = revisionOf(qvarn.client().update(ITEMS, id, qvarn.item("{'name': '2'}")));
        String third = revisionOf(qvarn.client().update(ITEMS, id, qvarn.item("{'name': '3'}")));

        assertThat(listeners.heard(listeners.onAll(), id))
                .containsExactly("updated:" + first, "updated:" + second, "updated:" + third);
    }

    @Test
    void shouldNotAddNewIdsToANotifyOfNewListener(Fixture qvarn) {
        ObjectNode onNew = qvarn.listener("{'notify_of_new': true}");

        String id = qvarn.createId("{}");
        qvarn.client().update(ITEMS, id, qvarn.item("{}"));

        assertThat(qvarn.client().getListener(ITEMS, id(onNew)).get("listen_on").isEmpty()).isTrue();
        assertThat(qvarn.notificationsAbout(id(onNew), id)).extracting(n -> n.get("resource_change").textValue())
                .containsExactly("created");
    }

    @Test
    void shouldNotNotifyListenerChanges(Fixture qvarn) {
        String everything = id(qvarn.listener("{'notify_of_new': true, 'listen_on_all': true}"));

        ObjectNode other = qvarn.listener("{}");
        qvarn.client().updateListener(ITEMS, id(other), json("{'listen_on_all': true}"));
        qvarn.client().deleteListener(ITEMS, id(other));

        assertThat(qvarn.notifications(everything)).noneMatch(n -> id(other).equals(n.get("resource_id").textValue()));
    }

    @Test
    void shouldNotNotifyListenersOfAnotherType(Fixture qvarn) {
        String elsewhere = id(qvarn.listenerOn(Fixture.OTHERS, "{'notify_of_new': true, 'listen_on_all': true}"));

        String id = qvarn.createId("{}");
        qvarn.client().update(ITEMS, id, qvarn.item("{}"));
        qvarn.client().delete(ITEMS, id);

        assertThat(qvarn.notifications(Fixture.OTHERS, elsewhere))
                .noneMatch(n -> id.equals(n.get("resource_id").textValue()));
    }
}
