package org.qvarnmr.camel.worker;

import java.util.concurrent.atomic.LongAdder;
import org.qvarnmr.camel.engine.PassSummary;

/**
 * What the worker did since it was built, whatever meters it has: the changes its passes processed and
 * dead-lettered (the passes' {@link PassSummary}s, and the resync's dead letters as passes of their own) and
 * every derived row it wrote (live changes and resync alike). A one-shot run's summary line reads them.
 */
public final class RunTotals {
    private final LongAdder changes = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder derivedWrites = new LongAdder();

    void passDone(PassSummary pass) {
        changes.add(pass.acknowledged());
        deadLetters.add(pass.deadLettered());
    }

    void derivedWrite() {
        derivedWrites.increment();
    }

    /** Changes fully processed (their notifications deleted), not counting the dead-lettered ones. */
    public long changes() {
        return changes.sum();
    }

    /** Changes and resync sources sent to the dead-letter endpoint. */
    public long deadLetters() {
        return deadLetters.sum();
    }

    /** Derived rows created, updated or deleted. */
    public long derivedWrites() {
        return derivedWrites.sum();
    }
}
