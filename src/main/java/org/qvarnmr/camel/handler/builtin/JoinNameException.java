package org.qvarnmr.camel.handler.builtin;

/**
 * A join names a type that none of its sources has, so it would copy nothing and write nulls. The worker
 * treats it as any handler failure (retried, then dead-lettered), with the binding's file and line.
 */
public class JoinNameException extends RuntimeException {
    public JoinNameException(String message) {
        super(message);
    }

    /** The message alone: it says what is wrong and what to write, and it ends up in dead letters. */
    @Override
    public String toString() {
        return getMessage();
    }
}
