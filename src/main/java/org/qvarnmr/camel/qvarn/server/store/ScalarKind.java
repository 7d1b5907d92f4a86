package org.qvarnmr.camel.qvarn.server.store;

/** The type of a simple prototype field (section 2.2 of the protocol). */
public enum ScalarKind {
    STRING("<class 'str'>"),
    INTEGER("<class 'int'>"),
    BOOLEAN("<class 'bool'>"),
    /** The bare YAML word {@code blob}: only the body of a file subpath. */
    BLOB("<class 'bytes'>");

    private final String pythonType;

    ScalarKind(String pythonType) {
        this.pythonType = pythonType;
    }

    /** The Python type name 0.82 puts into {@code expected_type}. */
    String pythonType() {
        return pythonType;
    }
}
