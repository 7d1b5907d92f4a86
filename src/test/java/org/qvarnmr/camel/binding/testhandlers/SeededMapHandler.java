package org.qvarnmr.camel.binding.testhandlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** A map handler whose {@code version: auto} follows the seed it is given (the author's own version). */
public class SeededMapHandler implements MapHandler {
    private final String seed;

    public SeededMapHandler() {
        this("seed-1");
    }

    public SeededMapHandler(String seed) {
        this.seed = seed;
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        return List.of();
    }

    @Override
    public String autoVersionSeed() {
        return seed;
    }
}
