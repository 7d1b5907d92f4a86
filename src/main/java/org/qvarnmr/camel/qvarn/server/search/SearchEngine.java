package org.qvarnmr.camel.qvarn.server.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.SearchSchema;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/**
 * Runs a search over one type's resources: every condition must hold (each may be satisfied by a
 * different list element), then sort, offset and limit (sections 5.2 and 5.4).
 *
 * <p>Which resources are read is a matter of speed only: those an index range bounds (when it bounds few),
 * a walk in id order that stops once a page sorted by id is full, or all of them. Each is checked by
 * the same conditions and ordered by the same sort, so the results are the scan's.
 */
public final class SearchEngine {
    private static final String ID = "id";
    /** Below this share of a type, reading an index range beats a scan. */
    private static final int SCAN_DIVISOR = 4;
    /** An id page reads an index range only when it holds at most this many times the page (plus a floor). */
    private static final int PAGE_FACTOR = 8;
    private static final int PAGE_FLOOR = 1024;

    /** Checks the field names first: 400 {@code FieldNotInResource} for a name no table has. */
    public List<StoredResource> run(ResourceStore store, SearchQuery query) {
        List<SearchSchema.FieldPlace> sortPlaces = check(store.type().searchSchema(), query);
        List<SearchCondition> conditions = query.conditions();
        boolean idPage = query.limit() != null && !query.sort().isEmpty() && ID.equals(query.sort().get(0));
        long[] seqs = null;
        if (!conditions.isEmpty()) {
            long cap = store.size() / SCAN_DIVISOR;
            if (idPage) {
                cap = Math.min(cap, PAGE_FACTOR * ((long) offset(query) + query.limit()) + PAGE_FLOOR);
            }
            seqs = store.index().candidates(conditions, (int) cap);
        }
        if (seqs == null && idPage) {
            Iterator<Long> inIdOrder = store.index().inIdOrder(conditions);
            if (inIdOrder != null) {
                return pageInIdOrder(store, inIdOrder, conditions, offset(query), query.limit());
            }
        }
        return window(filter(seqs == null ? store.all() : read(store, seqs), conditions), sortPlaces, query);
    }

    /** The scan every other way of reading must agree with: no index, every resource read. */
    List<StoredResource> scan(ResourceStore store, SearchQuery query) {
        List<SearchSchema.FieldPlace> sortPlaces = check(store.type().searchSchema(), query);
        return window(filter(store.all(), query.conditions()), sortPlaces, query);
    }

    /** The sort places of the query, after checking that every field it names exists. */
    private static List<SearchSchema.FieldPlace> check(SearchSchema schema, SearchQuery query) {
        for (SearchCondition condition : query.conditions()) {
            if (!schema.has(condition.field())) {
                throw Errors.fieldNotInResource(condition.field());
            }
        }
        List<SearchSchema.FieldPlace> sortPlaces = new ArrayList<>();
        for (String field : query.sort()) {
            if (!schema.has(field)) {
                throw Errors.fieldNotInResource(field);
            }
            sortPlaces.add(schema.sortPlace(field));
        }
        return sortPlaces;
    }

    private static List<StoredResource> window(List<StoredResource> hits, List<SearchSchema.FieldPlace> sortPlaces,
            SearchQuery query) {
        if (sortPlaces.isEmpty()) {
            return hits;
        }
        List<StoredResource> sorted = SearchSort.sort(hits, sortPlaces);
        int from = Math.min(offset(query), sorted.size());
        int to = query.limit() == null ? sorted.size() : (int) Math.min((long) from + query.limit(), sorted.size());
        return sorted.subList(from, to);
    }

    private static int offset(SearchQuery query) {
        return query.offset() == null ? 0 : query.offset();
    }

    /** The current versions of the resources, in creation order as the scan reads them; deleted ones drop out. */
    private static List<StoredResource> read(ResourceStore store, long[] seqs) {
        List<StoredResource> resources = new ArrayList<>(seqs.length);
        for (long seq : seqs) {
            StoredResource resource = store.bySeq(seq);
            if (resource != null) {
                resources.add(resource);
            }
        }
        return resources;
    }

    private static List<StoredResource> filter(Collection<StoredResource> resources, List<SearchCondition> conditions) {
        List<StoredResource> hits = new ArrayList<>();
        for (StoredResource resource : resources) {
            if (matchesAll(resource, conditions)) {
                hits.add(resource);
            }
        }
        return hits;
    }

    private static boolean matchesAll(StoredResource resource, List<SearchCondition> conditions) {
        for (SearchCondition condition : conditions) {
            if (!condition.matches(resource.row())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads in id order until the page is full: ids are unique, so this is the page a sort by id (whatever
     * sort keys follow) gives, without reading or sorting the rest.
     */
    private static List<StoredResource> pageInIdOrder(ResourceStore store, Iterator<Long> seqs,
            List<SearchCondition> conditions, int offset, int limit) {
        List<StoredResource> page = new ArrayList<>();
        int skipped = 0;
        while (page.size() < limit && seqs.hasNext()) {
            StoredResource resource = store.bySeq(seqs.next());
            if (resource == null || !matchesAll(resource, conditions)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
            } else {
                page.add(resource);
            }
        }
        return page;
    }
}
