package org.qvarnmr.camel.engine;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a pass ends, as the engine decided it: the changes whose notifications may now be deleted (every
 * write they caused is done, or they were dead-lettered), the dead letters to write first, and the
 * pass's summary. Changes in neither list keep their notifications and are retried after their back-off.
 */
public record Settlement(List<Change> acknowledge, List<DeadLetter> deadLetters, PassSummary summary) {
    public Settlement {
        acknowledge = List.copyOf(acknowledge);
        deadLetters = List.copyOf(deadLetters);
    }

    /**
     * This settlement once {@code unwritten} letters could not be written: their changes are not acknowledged
     * (they keep their notifications and failure record, so their next attempt writes the letter again) and
     * count as failed, not dead-lettered.
     */
    public Settlement without(Collection<DeadLetter> unwritten) {
        if (unwritten.isEmpty()) {
            return this;
        }
        Set<List<String>> kept = new HashSet<>();
        unwritten.forEach(l -> kept.add(List.of(l.sourceType(), l.resourceId())));
        List<Change> ack = acknowledge.stream().filter(c -> !kept.contains(List.of(c.sourceType(), c.resourceId())))
                .toList();
        List<DeadLetter> written = deadLetters.stream().filter(l -> !unwritten.contains(l)).toList();
        int n = deadLetters.size() - written.size();
        PassSummary s = summary;
        return new Settlement(ack, written, new PassSummary(s.changes(), s.acknowledged(), s.failed() + n,
                s.deadLettered() - n, s.reducedKeys(), s.more()));
    }
}
