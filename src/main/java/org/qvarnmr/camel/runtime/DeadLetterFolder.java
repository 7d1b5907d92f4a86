package org.qvarnmr.camel.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder behind a {@code file:} dead-letter endpoint, and the dead letters waiting in it: the
 * {@code *.json} files directly inside (replayed ones are moved to {@value #REPLAYED}/).
 */
public final class DeadLetterFolder {
    /** Where {@code replay} moves the letters it replayed. */
    public static final String REPLAYED = "replayed";

    private DeadLetterFolder() {
    }

    /**
     * The folder of a Camel file endpoint URI ({@code file:data/dead-letters}, {@code file://data/x},
     * {@code file:/var/x?fileExist=Append}); empty for any other endpoint.
     */
    public static Optional<Path> of(String endpointUri) {
        if (endpointUri == null || !endpointUri.startsWith("file:")) {
            return Optional.empty();
        }
        String path = endpointUri.substring("file:".length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** The dead letters waiting in {@code folder}, oldest name first; none when it does not exist. */
    public static List<Path> letters(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list dead letters in " + folder, e);
        }
    }
}
