package org.qvarnmr.camel.qvarn.server.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.qvarnmr.camel.qvarn.server.Fixtures;
import org.qvarnmr.camel.qvarn.server.store.BodyValidator;
import org.qvarnmr.camel.qvarn.server.store.IdGenerator;
import org.qvarnmr.camel.qvarn.server.store.ListenerStore;
import org.qvarnmr.camel.qvarn.server.store.NotificationClock;
import org.qvarnmr.camel.qvarn.server.store.Prototype;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.ResourceType;
import org.qvarnmr.camel.qvarn.server.store.ResourceTypeLoader;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/**
 * A store of the test type {@code things} driven without HTTP: bodies are filled and validated as the
 * endpoints do, and a search runs both as served (indexed) and as the plain scan.
 */
final class IndexedThings {
    private final ObjectMapper mapper = new ObjectMapper();
    private final BodyValidator validator = new BodyValidator();
    private final SearchParser parser = new SearchParser();
    private final SearchEngine engine = new SearchEngine();
    private final ResourceType type;
    private final ResourceStore store;

    IndexedThings() {
        type = new ResourceTypeLoader().load(Fixtures.resourceTypes().resolve("things.yaml"));
        IdGenerator ids = new IdGenerator();
        store = new ResourceStore(type, ids, new ListenerStore(type.name(), ids, new NotificationClock(Clock.systemUTC())));
    }

    ResourceStore store() {
        return store;
    }

    String create(String json) {
        return store.create(valid(type.prototype(), json, type.name())).id();
    }

    void replace(String id, String json) {
        store.replace(id, valid(type.prototype(), json, type.name()), store.get(id).revision());
    }

    /** A PUT of a JSON subresource, e.g. {@code sync}. */
    void replaceSubresource(String id, String subpath, String json) {
        ObjectNode content = valid(type.subresources().get(subpath), json, null);
        store.replaceSubresource(id, subpath, content, store.get(id).revision());
    }

    void delete(String id) {
        store.delete(id);
    }

    /** The ids the served search finds, in its order. */
    List<String> search(String criteria) {
        return ids(engine.run(store, parser.parse(criteria)));
    }

    /** The ids the plain scan finds, in its order. */
    List<String> scan(String criteria) {
        return ids(engine.scan(store, parser.parse(criteria)));
    }

    /** The candidates the index gives for the criteria's conditions (no cap), or null when none bounds them. */
    List<String> candidates(String criteria) {
        long[] seqs = store.index().candidates(parser.parse(criteria).conditions(), Integer.MAX_VALUE);
        if (seqs == null) {
            return null;
        }
        return Arrays.stream(seqs).mapToObj(store::bySeq).filter(Objects::nonNull).map(StoredResource::id).toList();
    }

    private ObjectNode valid(Prototype prototype, String json, String typeName) {
        try {
            ObjectNode body = (ObjectNode) mapper.readTree(json);
            return validator.toStored(prototype, validator.fillAndValidate(body, prototype, typeName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(List<StoredResource> resources) {
        return resources.stream().map(StoredResource::id).toList();
    }
}
