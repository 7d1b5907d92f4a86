package org.qvarnmr.camel.binding;

/** The {@code type:} of a handler definition. */
public enum HandlerKind {
    MAP, REDUCE
}
