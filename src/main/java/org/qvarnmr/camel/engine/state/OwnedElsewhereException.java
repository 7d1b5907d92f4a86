package org.qvarnmr.camel.engine.state;

/** Another worker owns this instance (its keep-alive is fresh). The CLI exits 1 with this message. */
public class OwnedElsewhereException extends RuntimeException {
    private final String owner;

    public OwnedElsewhereException(String owner) {
        super("map/reduce engine is already running on " + owner);
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }
}
