package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Running out of memory in a step of a pass must end in a failed pass, never in a pass that waits forever.
 * Camel does not catch an {@link Error} a processor throws: on a parallel split's pool thread it is
 * swallowed there and the split waits for the part forever (the pass hangs, while the keep-alive goes on);
 * on the poll timer's thread it kills the thread, and the polls stop for good. So every step of the worker
 * is {@link #guard guarded}: the error becomes an exception Camel routes like any failure. It is no
 * failure of a change or a key either (retried, then dead-lettered, while the heap stays full): the
 * aggregations let it fail the pass, where the runner sees it ({@code runtime/OutOfMemoryGuard} ends a
 * {@code java -jar} worker).
 */
public final class FatalErrors {
    private FatalErrors() {
    }

    /** {@code step}, with running out of memory thrown as {@link OutOfMemory}. */
    public static Processor guard(Processor step) {
        return exchange -> {
            try {
                step.process(exchange);
            } catch (OutOfMemoryError e) {
                throw new OutOfMemory(e);
            }
        };
    }

    /**
     * For an aggregation that records its parts' failures: true when {@code result} must fail with running out
     * of memory, an earlier part's (kept) or this part's {@code error} (set on it); return it then as it is.
     */
    public static boolean failsAggregate(Exchange result, Exception error) {
        if (find(result.getException()) != null) {
            return true;
        }
        if (find(error) != null) {
            result.setException(error);
            return true;
        }
        return false;
    }

    /** The out-of-memory error among {@code failure} and its causes, or null. */
    public static OutOfMemoryError find(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 64; depth++) { // bounded: a cause chain may loop
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
            t = t.getCause();
        }
        return null;
    }

    /** Running out of memory in a step, as an exception Camel handles. */
    public static final class OutOfMemory extends RuntimeException {
        OutOfMemory(OutOfMemoryError cause) {
            super("out of memory (" + cause.getMessage() + ")", cause, false, false); // no stack trace: none to spare
        }
    }
}
