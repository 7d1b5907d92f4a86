package org.qvarnmr.camel.conformance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * One test's view of the target: the shared client, a unique {@code tag} that marks this test's
 * resources (every search is narrowed to it, so other data on a shared Qvarn does not matter), and
 * clean-up of whatever the test created: listeners first, then resources, then extra clients.
 */
final class Fixture implements AutoCloseable {
    static final String ITEMS = "conformance_items";
    static final String ITEM_TYPE = "conformance_item";
    static final String OTHERS = "conformance_others";
    static final String OTHER_TYPE = "conformance_other";

    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConformanceTarget target;
    private final String tag;
    private final Map<String, List<String>> resources = new LinkedHashMap<>();
    private final Map<String, List<String>> listeners = new LinkedHashMap<>();
    private final List<QvarnClient> clients = new ArrayList<>();
    private RawHttp raw;

    Fixture(ConformanceTarget target) {
        this.target = target;
        this.tag = "conformance-" + randomHex(8);
    }

    ConformanceTarget target() {
        return target;
    }

    QvarnClient client() {
        return target.client();
    }

    String tag() {
        return tag;
    }

    /** JSON written with single quotes for readability: {@code json("{'name': 'a'}")}. */
    static ObjectNode json(String text) {
        try {
            return (ObjectNode) LENIENT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    /** {@code json(text)} carrying this test's tag. */
    ObjectNode item(String text) {
        ObjectNode body = json(text);
        if (!body.has("tag")) {
            body.put("tag", tag);
        }
        return body;
    }

    /** Creates a tagged conformance_item; removed after the test. */
    ObjectNode create(String text) {
        return createIn(ITEMS, item(text));
    }

    String createId(String text) {
        return create(text).get("id").textValue();
    }

    /** Creates a resource of any type as given (untagged unless the body has a tag); removed after the test. */
    ObjectNode createIn(String path, ObjectNode body) {
        ObjectNode created = client().create(path, body);
        remember(resources, path, created.get("id").textValue());
        return created;
    }

    /** Marks an id for deletion after the test (for resources made outside {@link #createIn}). */
    void forget(String path, String id) {
        if (id != null && !id.isEmpty()) {
            remember(resources, path, id);
        }
    }

    /** A listener on conformance_items; deleted after the test. */
    ObjectNode listener(String text) {
        return listenerOn(ITEMS, text);
    }

    ObjectNode listenerOn(String path, String text) {
        ObjectNode created = client().createListener(path, json(text));
        remember(listeners, path, created.get("id").textValue());
        return created;
    }

    /** A search on conformance_items narrowed to this test's resources. */
    Search search() {
        return Search.on(ITEMS).exact("tag", tag);
    }

    List<String> ids(Search search) {
        return client().searchIds(search);
    }

    /** The notifications of a listener, oldest first, each fetched in full. */
    List<ObjectNode> notifications(String listenerId) {
        return notifications(ITEMS, listenerId);
    }

    List<ObjectNode> notifications(String path, String listenerId) {
        List<ObjectNode> all = new ArrayList<>();
        for (String id : client().listNotificationIds(path, listenerId)) {
            all.add(client().getNotification(path, listenerId, id));
        }
        return all;
    }

    /** The listener's notifications about one resource, oldest first. */
    List<ObjectNode> notificationsAbout(String listenerId, String resourceId) {
        return notifications(listenerId).stream()
                .filter(n -> resourceId.equals(n.path("resource_id").asText()))
                .toList();
    }

    /** A well-formed id of {@code typeName} that no Qvarn has (random middle, correct checksum). */
    static String unknownId(String typeName) {
        String prefix = sha512Hex(typeName).substring(0, 4);
        String middle = randomHex(16);
        return prefix + "-" + middle + "-" + sha512Hex(prefix + middle).substring(0, 8);
    }

    static String sha512Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** A client that requests only {@code scopes} (needs {@link ConformanceTarget#issuesTokens()}). */
    QvarnClient clientWithScopes(List<String> scopes) {
        return track(target.clientWithScopes(scopes));
    }

    /** A client whose token endpoint hands out {@code token}, granting {@code grantedScope} (null: not said). */
    QvarnClient clientWithToken(String token, String grantedScope, List<String> requested) {
        return track(target.clientWithToken(token, grantedScope, requested));
    }

    QvarnClient anonymousClient() {
        return track(target.anonymousClient());
    }

    RawHttp raw() {
        if (raw == null) {
            raw = new RawHttp(target);
        }
        return raw;
    }

    QvarnClient track(QvarnClient client) {
        clients.add(client);
        return client;
    }

    private static void remember(Map<String, List<String>> ids, String path, String id) {
        ids.computeIfAbsent(path, k -> new ArrayList<>()).add(id);
    }

    @Override
    public void close() {
        listeners.forEach((path, ids) -> ids.forEach(id -> quietly(() -> client().deleteListener(path, id))));
        resources.forEach((path, ids) -> ids.forEach(id -> quietly(() -> client().delete(path, id))));
        clients.forEach(QvarnClient::close);
    }

    private static void quietly(Runnable cleanUp) {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            // clean-up is best effort; the test's own assertions have already run
        }
    }
}
