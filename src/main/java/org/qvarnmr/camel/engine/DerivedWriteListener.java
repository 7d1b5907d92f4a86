package org.qvarnmr.camel.engine;

/**
 * Told of every derived row the engine writes (map rows and reduce results), after Qvarn accepted the
 * write; the runtime announces these on {@code direct:qvarnmr-derived} and counts them. Called on the
 * engine's threads: implementations must be quick and must not throw. A map row moved to another key in
 * place is one {@code update} under its new key (the row's id stays).
 */
@FunctionalInterface
public interface DerivedWriteListener {
    DerivedWriteListener NONE = (type, id, key, operation) -> { };

    /**
     * @param type      the derived type written
     * @param id        the row's id
     * @param key       its {@code _mr_key}
     * @param operation {@code create}, {@code update} or {@code delete}
     */
    void written(String type, String id, String key, String operation);
}
