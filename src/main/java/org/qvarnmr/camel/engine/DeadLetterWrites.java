package org.qvarnmr.camel.engine;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether dead letters can be written: why the last one could not, until one is written again. Read by
 * the health check ({@code -f}) and by a one-shot run, which ends when a letter cannot be written.
 */
public final class DeadLetterWrites {
    private final AtomicReference<String> failure = new AtomicReference<>();

    /** A letter was written, or no change waits to write one any more. */
    public void written() {
        failure.set(null);
    }

    /** @param why what the failure says, with the folder or endpoint and the setting */
    public void failed(String why) {
        failure.set(why);
    }

    /** Why the last letter could not be written; empty once one was written (or none failed). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }
}
