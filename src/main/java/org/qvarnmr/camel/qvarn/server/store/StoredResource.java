package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One resource as stored: never mutated once stored; every write stores a new instance.
 *
 * @param seq creation order, which keeps listings and unsorted searches stable
 * @param body the main resource, including {@code id}, {@code type} and {@code revision}
 * @param subresources the JSON subresources by subpath
 * @param files the file subresources written so far
 * @param row the searchable values of body and subresources
 */
public record StoredResource(
        long seq,
        String id,
        String revision,
        ObjectNode body,
        Map<String, ObjectNode> subresources,
        Map<String, StoredFile> files,
        SearchRow row) {

    public StoredResource {
        subresources = Map.copyOf(subresources);
        files = Map.copyOf(files);
    }
}
