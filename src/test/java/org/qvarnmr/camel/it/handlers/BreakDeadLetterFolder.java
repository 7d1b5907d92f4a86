package org.qvarnmr.camel.it.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/**
 * A map handler that fails every resource, and first puts a file where the dead-letter folder was, so that
 * its letter cannot be written (as on a full disk; permission bits would not stop a test running as root).
 */
public final class BreakDeadLetterFolder implements MapHandler {
    private final Path folder;

    public BreakDeadLetterFolder(Path folder) {
        this.folder = folder;
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        replaceByAFile(folder);
        throw new IllegalStateException("cannot map this resource");
    }

    /** Deletes {@code folder} with its content and writes a file at its path. */
    public static void replaceByAFile(Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> all = Files.walk(folder)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            if (!Files.exists(folder)) {
                Files.writeString(folder, "not a folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
