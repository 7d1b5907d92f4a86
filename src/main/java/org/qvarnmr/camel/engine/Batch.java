package org.qvarnmr.camel.engine;

import java.util.List;

/**
 * One poll's worth of changes, coalesced per resource.
 *
 * @param more whether a listener had more notifications than fitted in this batch
 */
public record Batch(List<Change> changes, boolean more) {
    public Batch {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
