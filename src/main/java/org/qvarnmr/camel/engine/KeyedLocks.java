package org.qvarnmr.camel.engine;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks: work on one source resource (or one reduce key) is serialised while unrelated work runs
 * in parallel. Live changes and resync both go through the same stripes, so they never race on a row.
 */
public final class KeyedLocks {
    private final ReentrantLock[] stripes;

    public KeyedLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(Object key, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
