package org.qvarnmr.camel.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;

/** The handler bindings a run loads: a file (else a class path resource) by name, or YAML text. */
record BindingsSource(String name, String yaml) {
    /** The name YAML text is loaded under, so messages name it. */
    static final String YAML_NAME = "test-handlers.yaml";

    static BindingsSource file(String fileOrResource) {
        return new BindingsSource(fileOrResource, null);
    }

    static BindingsSource yaml(String yaml) {
        return new BindingsSource(YAML_NAME, yaml);
    }

    HandlerBindings load(BindingsLoader loader) throws IOException {
        if (yaml != null) {
            return loader.parse(yaml, name);
        }
        Path file = Path.of(name);
        if (Files.isRegularFile(file)) {
            return loader.load(file);
        }
        String text = KitFiles.resource(name).orElseThrow(() -> new IllegalArgumentException("handler bindings '"
                + name + "' not found: neither a file relative to " + Path.of("").toAbsolutePath()
                + " nor a resource on the class path"));
        return loader.parse(text, name);
    }
}
