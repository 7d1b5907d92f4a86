package org.qvarnmr.camel.engine;

import java.util.List;

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
}
