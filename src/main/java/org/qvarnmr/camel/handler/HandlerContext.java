package org.qvarnmr.camel.handler;

import java.util.List;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * What a handler may use besides its input: the Qvarn client and the resource types it works between,
 * the equivalent of the original's {@code mr_func} context.
 *
 * @param qvarn      the worker's Qvarn client (already authenticated)
 * @param sourceType the source resource type path name, e.g. {@code reports} (for a reduce handler:
 *                   the map target it reads)
 * @param targetType the derived resource type path name the result is written to
 * @param sources    reads source resources (the worker's reader caches what it mapped recently)
 */
public record HandlerContext(QvarnClient qvarn, String sourceType, String targetType, SourceReader sources) {
    /** A context that reads sources straight from Qvarn. */
    public HandlerContext(QvarnClient qvarn, String sourceType, String targetType) {
        this(qvarn, sourceType, targetType, qvarn == null ? (type, ids) -> List.of() : qvarn::getMany);
    }
}
