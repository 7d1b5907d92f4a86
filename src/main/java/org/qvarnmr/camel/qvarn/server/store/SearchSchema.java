package org.qvarnmr.camel.qvarn.server.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which leaf names a search may use and where they live. 0.82 matches a search field against the
 * column names of every table of the type (main, list, nested list and non-file subresource
 * tables), so only the leaf name matters (section 5.2).
 */
public final class SearchSchema {

    /**
     * One place a leaf name occurs: a main or subresource field, reached through dict lists.
     *
     * @param repeated whether a resource may hold several values here (a string list, or inside a dict list)
     */
    public record FieldPlace(String subresource, List<String> route, ScalarKind kind, boolean repeated) {
        public FieldPlace {
            route = List.copyOf(route);
        }
    }

    private final Map<String, List<FieldPlace>> placesByLeaf;

    private SearchSchema(Map<String, List<FieldPlace>> placesByLeaf) {
        this.placesByLeaf = placesByLeaf;
    }

    public static SearchSchema of(Prototype main, Map<String, Prototype> subresources) {
        Map<String, List<FieldPlace>> places = new LinkedHashMap<>();
        collect(main, null, List.of(), places);
        subresources.forEach((name, prototype) -> collect(prototype, name, List.of(), places));
        places.replaceAll((leaf, list) -> List.copyOf(list));
        return new SearchSchema(Collections.unmodifiableMap(places));
    }

    /** Simple fields first (the type's own table), then list tables depth first, as 0.82 orders them. */
    private static void collect(Prototype prototype, String sub, List<String> prefix,
            Map<String, List<FieldPlace>> places) {
        prototype.fields().forEach((name, spec) -> {
            if (spec instanceof FieldSpec.Scalar scalar && scalar.kind() != ScalarKind.BLOB) {
                add(places, name, new FieldPlace(sub, append(prefix, name), scalar.kind(), !prefix.isEmpty()));
            }
        });
        prototype.fields().forEach((name, spec) -> {
            if (spec instanceof FieldSpec.StringList) {
                add(places, name, new FieldPlace(sub, append(prefix, name), ScalarKind.STRING, true));
            } else if (spec instanceof FieldSpec.DictList dictList) {
                collect(dictList.item(), sub, append(prefix, name), places);
            }
        });
    }

    private static void add(Map<String, List<FieldPlace>> places, String leaf, FieldPlace place) {
        places.computeIfAbsent(leaf, k -> new ArrayList<>()).add(place);
    }

    private static List<String> append(List<String> prefix, String name) {
        List<String> route = new ArrayList<>(prefix);
        route.add(name);
        return route;
    }

    public boolean has(String leaf) {
        return placesByLeaf.containsKey(leaf);
    }

    /** True when every place of the leaf is a string column (a string field or a list of strings). */
    boolean isStringOnly(String leaf) {
        return has(leaf) && placesByLeaf.get(leaf).stream().allMatch(place -> place.kind() == ScalarKind.STRING);
    }

    /** True when a resource holds at most one value under the leaf: it has one place, not a repeated one. */
    boolean isSingleValued(String leaf) {
        List<FieldPlace> places = placesByLeaf.get(leaf);
        return places != null && places.size() == 1 && !places.get(0).repeated();
    }

    /** The place a sort on this leaf uses: the first table in schema order (section 5.4). */
    public FieldPlace sortPlace(String leaf) {
        return placesByLeaf.get(leaf).get(0);
    }
}
