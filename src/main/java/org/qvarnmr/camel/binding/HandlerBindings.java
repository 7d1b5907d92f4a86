package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All validated handler bindings of one worker, indexed the ways the engine asks for them. */
public final class HandlerBindings {
    private final List<HandlerBinding> all;
    private final Map<String, List<HandlerBinding>> mapBySource = new LinkedHashMap<>();
    private final Map<String, HandlerBinding> reduceBySource = new LinkedHashMap<>();

    public HandlerBindings(Collection<HandlerBinding> bindings) {
        this.all = List.copyOf(bindings);
        for (HandlerBinding b : all) {
            if (b.kind() == HandlerKind.MAP) {
                mapBySource.computeIfAbsent(b.source(), k -> new ArrayList<>()).add(b);
            } else {
                reduceBySource.put(b.source(), b);
            }
        }
    }

    public List<HandlerBinding> all() {
        return all;
    }

    /** The map handlers whose source is {@code sourceType}, in file order. */
    public List<HandlerBinding> mapHandlersOf(String sourceType) {
        return mapBySource.getOrDefault(sourceType, List.of());
    }

    /** The reduce handler reading map target {@code mapTarget}, if any. */
    public Optional<HandlerBinding> reduceHandlerOf(String mapTarget) {
        return Optional.ofNullable(reduceBySource.get(mapTarget));
    }

    /** The sources of the map handlers: the types the worker listens on. */
    public Set<String> mapSources() {
        return new LinkedHashSet<>(mapBySource.keySet());
    }

    /**
     * The types the original qvarn-mr listened on: every map source and every map target that feeds a
     * reduce. The worker asks scopes for all of them, as it drains and removes the original's map-target
     * listeners at start-up.
     */
    public Set<String> listenedTypes() {
        Set<String> types = new LinkedHashSet<>(mapBySource.keySet());
        types.addAll(reduceBySource.keySet());
        return types;
    }

    /** Derived types the worker writes. */
    public Set<String> targetTypes() {
        Set<String> types = new LinkedHashSet<>();
        all.forEach(b -> types.add(b.target()));
        return types;
    }

    /** Every type named by any binding, sources and targets. */
    public Set<String> allTypes() {
        Set<String> types = new LinkedHashSet<>();
        all.forEach(b -> {
            types.add(b.source());
            types.add(b.target());
        });
        return types;
    }
}
