package org.qvarnmr.camel.qvarn.server.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resource type as served: only the last version of its YAML counts (section 2.1).
 *
 * @param name the type name, the value of every resource's {@code type} field
 * @param path the URL path without its leading slash, e.g. {@code orgs}
 * @param subresources the JSON subpaths (file subpaths excluded)
 * @param files the file subpaths
 * @param source where the type was read from, for error messages
 */
public record ResourceType(
        String name,
        String path,
        Prototype prototype,
        Map<String, Prototype> subresources,
        Set<String> files,
        SearchSchema searchSchema,
        String source) {

    public ResourceType {
        subresources = Collections.unmodifiableMap(new LinkedHashMap<>(subresources));
        files = Set.copyOf(files);
    }

    ResourceType(String name, String path, Prototype prototype, Map<String, Prototype> subresources,
            Set<String> files, String source) {
        this(name, path, prototype, subresources, files, SearchSchema.of(prototype, subresources), source);
    }

    boolean hasSubpath(String subpath) {
        return subresources.containsKey(subpath) || files.contains(subpath);
    }
}
