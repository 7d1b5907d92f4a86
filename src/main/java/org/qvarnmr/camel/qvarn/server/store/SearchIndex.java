package org.qvarnmr.camel.qvarn.server.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Pre-filters for the searches on one type: the {@link FieldIndex} of each leaf name whose every place is a
 * string column, built on the first search that can use it and then kept up to date by every write. An index
 * only narrows which resources a search reads; every one read is still checked by the conditions, so
 * results equal a scan's (section 5.2).
 *
 * <p>The store calls {@link #add} before a new version becomes visible and {@link #remove} after the old one
 * is gone, so a resource matching before and after a write is never missing from the index meanwhile.
 */
public final class SearchIndex {
    private static final String ID = "id";

    private final SearchSchema schema;
    /** The store's: builds and updates are serialised with its writes, so no write is missed by a build. */
    private final Lock writeLock;
    private final Supplier<Collection<StoredResource>> resources;
    private final Map<String, FieldIndex> fields = new ConcurrentHashMap<>();
    /** Ids sort as raw text but match lower-cased; both orders agree only while every id is lower case. */
    private volatile boolean idsLowerCase = true;

    /**
     * What the index reads of a search condition (the search package's): the leaf it names and where the
     * strings it can match lie.
     */
    public interface Bound {
        String field();

        StringRange stringRange();
    }

    public SearchIndex(SearchSchema schema, Lock writeLock, Supplier<Collection<StoredResource>> resources) {
        this.schema = schema;
        this.writeLock = writeLock;
        this.resources = resources;
    }

    /** Called under the write lock before {@code resource} becomes visible. */
    public void add(StoredResource resource) {
        if (!resource.id().equals(resource.id().toLowerCase(Locale.ROOT))) {
            idsLowerCase = false;
        }
        fields.values().forEach(index -> index.add(resource));
    }

    /** Called under the write lock after {@code old} was replaced by {@code current} (null: deleted). */
    public void remove(StoredResource old, StoredResource current) {
        fields.values().forEach(index -> index.remove(old, current));
    }

    /**
     * The seqs of the resources that may satisfy every condition, ascending, from the index range holding the
     * fewest; null when no index bounds them to at most {@code cap} (then the caller scans).
     */
    public long[] candidates(List<? extends Bound> conditions, int cap) {
        FieldIndex best = null;
        StringRange bestRange = null;
        int bestCount = cap;
        for (FieldRange bound : ranges(conditions)) {
            // an unbounded range (ne, contains) would read the whole index: not worth building one for
            FieldIndex index = bound.range().equals(StringRange.ALL) ? null : field(bound.field());
            int count = index == null ? -1 : index.count(bound.range(), bestCount);
            if (count >= 0 && (best == null || count < bestCount)) {
                best = index;
                bestRange = bound.range();
                bestCount = count;
            }
        }
        return best == null ? null : best.seqs(bestRange);
    }

    /**
     * The seqs of every resource in ascending id order (a sort by id), starting at the lowest id the id
     * conditions allow; null when the index cannot give that order. The loader requires {@code id} in the
     * main resource, so a single-valued {@code id} is that field alone.
     */
    public Iterator<Long> inIdOrder(List<? extends Bound> conditions) {
        if (!idsLowerCase || !schema.isSingleValued(ID)) {
            return null;
        }
        StringRange range = StringRange.ALL;
        for (FieldRange bound : ranges(conditions)) {
            if (bound.field().equals(ID)) {
                range = bound.range();
            }
        }
        FieldIndex ids = field(ID);
        return ids == null ? null : ids.inValueOrder(range);
    }

    private record FieldRange(String field, StringRange range) {
    }

    /**
     * The range each condition allows. Conditions on a single-valued field are joined into one range: its
     * one value must satisfy them all. On any other field each may be met by a different value (section
     * 5.2), so each keeps its own range.
     */
    private List<FieldRange> ranges(List<? extends Bound> conditions) {
        Map<String, StringRange> joined = new LinkedHashMap<>();
        List<FieldRange> ranges = new ArrayList<>();
        for (Bound condition : conditions) {
            if (schema.isSingleValued(condition.field())) {
                joined.merge(condition.field(), condition.stringRange(), StringRange::intersect);
            } else {
                ranges.add(new FieldRange(condition.field(), condition.stringRange()));
            }
        }
        joined.forEach((field, range) -> ranges.add(new FieldRange(field, range)));
        return ranges;
    }

    /** The index of a leaf whose every place is a string column; null for any other leaf. */
    private FieldIndex field(String leaf) {
        FieldIndex index = fields.get(leaf);
        if (index != null || !schema.isStringOnly(leaf)) {
            return index;
        }
        writeLock.lock();
        try {
            index = fields.get(leaf);
            if (index == null) {
                index = new FieldIndex(leaf);
                resources.get().forEach(index::add);
                fields.put(leaf, index);
            }
            return index;
        } finally {
            writeLock.unlock();
        }
    }
}
