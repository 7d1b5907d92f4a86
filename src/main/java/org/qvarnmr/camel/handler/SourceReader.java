package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * Reads source resources for a handler. The worker's reader serves recently mapped resources from memory
 * (they are re-read whenever a notification says they changed) and fetches the rest from Qvarn; absent
 * resources are left out, order is kept.
 */
@FunctionalInterface
public interface SourceReader {
    List<ObjectNode> getMany(String type, Collection<String> ids);
}
