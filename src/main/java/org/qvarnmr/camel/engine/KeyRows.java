package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * The map rows of one key, read with paged {@code show_all} searches (sort by id, limit, offset), so a
 * key with many rows costs one request per page and is never held in memory at once. The first page
 * is kept; a key that fits in one page is read exactly once.
 */
public final class KeyRows implements Iterable<ObjectNode> {
    private final QvarnClient qvarn;
    private final String mapTarget;
    private final String key;
    private final int pageSize;
    private final List<ObjectNode> firstPage;
    private final List<ObjectNode> firstPageRaw;
    private final boolean singlePage;

    private KeyRows(List<ObjectNode> known) {
        this.qvarn = null;
        this.mapTarget = null;
        this.key = null;
        this.pageSize = Integer.MAX_VALUE;
        this.firstPageRaw = known;
        this.firstPage = known;
        this.singlePage = true;
    }

    /**
     * The key's rows from the cache when this worker knows them (learning the map target first when that is
     * due), else searched; a key that fits in one page is then kept in the cache.
     */
    static KeyRows knownOrRead(KeyRowsCache cache, QvarnClient qvarn, String mapTarget, String key, int pageSize) {
        List<ObjectNode> known = cache.getOrLearn(mapTarget, key,
                maxRows -> IdPages.upTo(qvarn, mapTarget, pageSize, maxRows));
        if (known != null) {
            return new KeyRows(List.copyOf(known));
        }
        long stamp = cache.stamp();
        KeyRows rows = new KeyRows(qvarn, mapTarget, key, pageSize);
        if (rows.singlePage()) {
            cache.loaded(mapTarget, key, rows.firstPage(), stamp);
        }
        return rows;
    }

    public KeyRows(QvarnClient qvarn, String mapTarget, String key, int pageSize) {
        this.qvarn = qvarn;
        this.mapTarget = mapTarget;
        this.key = key;
        this.pageSize = pageSize;
        List<ObjectNode> raw = page(null);
        this.firstPageRaw = raw;
        this.singlePage = raw.size() < pageSize;
        this.firstPage = ExactText.filter(raw, MrFields.KEY, key);
    }

    boolean singlePage() {
        return singlePage;
    }

    List<ObjectNode> firstPage() {
        return Collections.unmodifiableList(firstPage);
    }

    /** Rows matching {@code test}, lazily. */
    public Iterable<ObjectNode> where(Predicate<ObjectNode> test) {
        return () -> new Iterator<>() {
            private final Iterator<ObjectNode> all = iterator();
            private ObjectNode next = advance();

            private ObjectNode advance() {
                while (all.hasNext()) {
                    ObjectNode row = all.next();
                    if (test.test(row)) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ObjectNode next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ObjectNode current = next;
                next = advance();
                return current;
            }
        };
    }

    @Override
    public Iterator<ObjectNode> iterator() {
        return new Iterator<>() {
            private Iterator<ObjectNode> page = firstPage.iterator();
            private String lastId = lastIdOf(firstPageRaw);
            private boolean last = singlePage;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    List<ObjectNode> raw = page(lastId);
                    lastId = lastIdOf(raw);
                    last = raw.size() < pageSize;
                    page = ExactText.filter(raw, MrFields.KEY, key).iterator();
                }
                return page.hasNext();
            }

            @Override
            public ObjectNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    /** Keyset paging (ids after the last one seen) stays right while other rows come and go. */
    private List<ObjectNode> page(String afterId) {
        var search = ExactText.exact(mapTarget, MrFields.KEY, key);
        if (afterId != null) {
            search = search.gt("id", afterId);
        }
        return new ArrayList<>(qvarn.search(search.showAll().sort("id").limit(pageSize)));
    }

    private static String lastIdOf(List<ObjectNode> raw) {
        return raw.isEmpty() ? null : raw.get(raw.size() - 1).get("id").asText();
    }
}
