package org.qvarnmr.camel.component;

/** How a {@code qvarn:} endpoint hands out the JSON it reads. */
public enum OutputType {
    /** Jackson nodes ({@code ObjectNode}, or a {@code List} of them). */
    json,
    /** {@code Map}s (and {@code List}s), e.g. for the simple language's {@code ${body[names][0]}}. */
    map
}
