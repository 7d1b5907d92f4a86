package org.qvarnmr.camel.handler.builtin;

import java.util.List;

/** A built-in map handler that reads named top-level fields, which every resource must have (checked against type files). */
public interface ReadsFields {
    /** The top-level fields the handler reads. */
    List<String> fields();
}
