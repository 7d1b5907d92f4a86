package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;

/**
 * The resources of one type. Writes are serialised per type and write their notifications after
 * the change (section 6.4); reads and searches go lock-free over concurrent maps, so they see
 * only complete writes. Every write keeps the {@link SearchIndex} up to date (whose first build of a
 * field's index takes the write lock once).
 */
public final class ResourceStore {
    private final ResourceType type;
    private final IdGenerator ids;
    private final ListenerStore listeners;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, StoredResource> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, StoredResource> bySeq = new ConcurrentSkipListMap<>();
    private final SearchIndex index;
    private long nextSeq;

    public ResourceStore(ResourceType type, IdGenerator ids, ListenerStore listeners) {
        this.type = type;
        this.ids = ids;
        this.listeners = listeners;
        this.index = new SearchIndex(type.searchSchema(), writeLock, this::all);
    }

    public ResourceType type() {
        return type;
    }

    public ListenerStore listeners() {
        return listeners;
    }

    public StoredResource get(String id) {
        return byId.get(id);
    }

    /** Every resource in creation order. */
    public Collection<StoredResource> all() {
        return bySeq.values();
    }

    /** The current version of the resource created as the {@code seq}-th, or null once it is deleted. */
    public StoredResource bySeq(long seq) {
        return bySeq.get(seq);
    }

    public int size() {
        return byId.size();
    }

    public SearchIndex index() {
        return index;
    }

    /** Stores a new resource; its subresources start as their prototypes (section 4.1). */
    public StoredResource create(ObjectNode body) {
        writeLock.lock();
        try {
            String id = ids.next(type.name());
            String revision = ids.revision();
            body.put("id", id);
            body.put("revision", revision);
            Map<String, ObjectNode> subresources = new HashMap<>();
            type.subresources().forEach((name, prototype) -> subresources.put(name, prototype.initialObject()));
            StoredResource stored = store(new StoredResource(nextSeq++, id, revision, body, subresources, Map.of(),
                    SearchRow.of(type, body, subresources)));
            listeners.notifyCreated(id, revision);
            return stored;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Replaces the main resource, keeping its subresources. A PUT to an unknown id is a 409 with
     * {@code current: null}, even for {@code "revision": null} (0.82 would create the resource).
     */
    public StoredResource replace(String id, ObjectNode body, String revisionSent) {
        writeLock.lock();
        try {
            StoredResource current = checkRevision(id, revisionSent);
            String revision = ids.revision();
            body.put("id", id);
            body.put("revision", revision);
            StoredResource stored = store(new StoredResource(current.seq(), id, revision, body,
                    current.subresources(), current.files(), SearchRow.of(type, body, current.subresources())));
            listeners.notifyUpdated(id, revision);
            return stored;
        } finally {
            writeLock.unlock();
        }
    }

    /** Replaces a JSON subresource and gives the parent a new revision. */
    public StoredResource replaceSubresource(String id, String subpath, ObjectNode content, String revisionSent) {
        writeLock.lock();
        try {
            StoredResource current = checkRevision(id, revisionSent);
            Map<String, ObjectNode> subresources = new HashMap<>(current.subresources());
            subresources.put(subpath, content);
            return storeWithNewRevision(current, subresources, current.files());
        } finally {
            writeLock.unlock();
        }
    }

    public StoredResource replaceFile(String id, String file, StoredFile content, String revisionSent) {
        writeLock.lock();
        try {
            StoredResource current = checkRevision(id, revisionSent);
            Map<String, StoredFile> files = new HashMap<>(current.files());
            files.put(file, content);
            return storeWithNewRevision(current, current.subresources(), files);
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes the resource with its subresources; unknown ids still notify (section 3.5). */
    public void delete(String id) {
        writeLock.lock();
        try {
            StoredResource removed = byId.remove(id);
            if (removed != null) {
                bySeq.remove(removed.seq());
                index.remove(removed, null);
            }
            listeners.notifyDeleted(id);
        } finally {
            writeLock.unlock();
        }
    }

    private StoredResource checkRevision(String id, String revisionSent) {
        StoredResource current = byId.get(id);
        if (current == null || !current.revision().equals(revisionSent)) {
            throw Errors.wrongRevision(id, current == null ? null : current.revision(), revisionSent);
        }
        return current;
    }

    private StoredResource storeWithNewRevision(StoredResource current, Map<String, ObjectNode> subresources,
            Map<String, StoredFile> files) {
        String revision = ids.revision();
        ObjectNode body = current.body().deepCopy();
        body.put("revision", revision);
        StoredResource stored = store(new StoredResource(current.seq(), current.id(), revision, body, subresources,
                files, SearchRow.of(type, body, subresources)));
        listeners.notifyUpdated(current.id(), revision);
        return stored;
    }

    private StoredResource store(StoredResource resource) {
        index.add(resource);
        StoredResource previous = byId.put(resource.id(), resource);
        bySeq.put(resource.seq(), resource);
        if (previous != null) {
            index.remove(previous, resource);
        }
        return resource;
    }
}
