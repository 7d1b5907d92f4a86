package org.qvarnmr.camel.qvarn.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.qvarnmr.camel.qvarn.server.store.SearchSchema;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/** The order of sorted search results (section 5.4). */
final class SearchSort {
    private SearchSort() {
    }

    private record Keyed(StoredResource resource, Object[] keys) {
    }

    /** Ascending by raw (not lower-cased) value, NULLs first as on SQLite; stable for ties. */
    static List<StoredResource> sort(List<StoredResource> hits, List<SearchSchema.FieldPlace> places) {
        List<Keyed> keyed = new ArrayList<>(hits.size());
        for (StoredResource hit : hits) {
            Object[] keys = new Object[places.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = sortValue(hit, places.get(i));
            }
            keyed.add(new Keyed(hit, keys));
        }
        keyed.sort(Comparator.comparing(Keyed::keys, SearchSort::compareKeys));
        return keyed.stream().map(Keyed::resource).toList();
    }

    /** The field's value in its first place; for a list only the first element counts. */
    private static Object sortValue(StoredResource resource, SearchSchema.FieldPlace place) {
        JsonNode node = place.subresource() == null ? resource.body() : resource.subresources().get(place.subresource());
        for (String name : place.route()) {
            node = node == null ? null : node.get(name);
            if (node != null && node.isArray()) {
                node = node.isEmpty() ? null : node.get(0);
            }
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1L : 0L;
        }
        return node.isIntegralNumber() ? node.longValue() : node.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int result;
            if (a[i] == null || b[i] == null) {
                result = a[i] == null ? (b[i] == null ? 0 : -1) : 1;
            } else if (a[i].getClass() == b[i].getClass()) {
                result = ((Comparable) a[i]).compareTo(b[i]);
            } else {
                // numbers before text, as SQLite orders mixed storage classes
                result = a[i] instanceof Long ? -1 : 1;
            }
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }
}
