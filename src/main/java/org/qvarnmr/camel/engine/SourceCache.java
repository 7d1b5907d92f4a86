package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.handler.SourceReader;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * Source resources the map step read, kept for the reduce handlers that read sources again ({@code join}):
 * a key's other sources rarely change together, so a join costs a GET only for what it has not seen.
 * Every source the worker listens on is re-read when a notification says it changed, which refreshes
 * its entry; a reduce that reads an entry whose change is still queued is redone when that change is
 * processed (it touches the same key), so results converge as without the cache.
 */
public final class SourceCache implements SourceReader {
    private final QvarnClient qvarn;
    private final Map<String, ObjectNode> cache;

    public SourceCache(QvarnClient qvarn, LruCaches caches, int maxEntries) {
        this.qvarn = qvarn;
        this.cache = caches.newLruCache(maxEntries);
    }

    public void put(String type, ObjectNode resource) {
        cache.put(type + "/" + resource.get("id").asText(), resource.deepCopy());
    }

    public void forget(String type, String id) {
        cache.remove(type + "/" + id);
    }

    public void clear() {
        cache.clear();
    }

    @Override
    public List<ObjectNode> getMany(String type, Collection<String> ids) {
        Map<String, ObjectNode> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            ObjectNode hit = cache.get(type + "/" + id);
            if (hit != null) {
                found.put(id, hit.deepCopy());
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            for (ObjectNode r : qvarn.getMany(type, missing)) {
                put(type, r);
                found.put(r.get("id").asText(), r);
            }
        }
        List<ObjectNode> ordered = new ArrayList<>(ids.size());
        for (String id : ids) {
            ObjectNode r = found.get(id);
            if (r != null) {
                ordered.add(r);
            }
        }
        return ordered;
    }
}
