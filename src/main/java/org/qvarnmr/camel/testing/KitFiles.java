package org.qvarnmr.camel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the kit finds what a test names: a file or folder relative to the working directory, else a
 * resource on the test class path.
 */
final class KitFiles {
    private KitFiles() {
    }

    /** The folder {@code name}: relative to the working directory, else on the class path. */
    static Path folder(String name) {
        Path dir = Path.of(name);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        URL url = classLoader().getResource(name);
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad resource URL " + url, e);
            }
        }
        throw new IllegalArgumentException("resource types folder '" + name + "' not found: neither a folder relative "
                + "to " + Path.of("").toAbsolutePath() + " nor a folder on the class path");
    }

    /** The text of the class path resource {@code name}, if there is one. */
    static Optional<String> resource(String name) throws IOException {
        try (InputStream in = classLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : KitFiles.class.getClassLoader();
    }
}
