package org.qvarnmr.camel.route;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.util.URISupport;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.Redaction;
import org.qvarnmr.camel.config.Settings;

/**
 * The folder behind a {@code file:} dead-letter endpoint, and the dead letters waiting in it: the
 * {@code *.json} files directly inside (replayed ones are moved to {@value #REPLAYED}/, unreadable ones to
 * {@value #UNREADABLE}/). The worker writes them itself rather than through Camel's file producer, which
 * writes in place (a full disk leaves a cut-short letter under its final name) and sets permissions only
 * after writing: here a letter is made readable by the worker's user only from its first byte, written to a
 * hidden temporary file and moved to its name in one atomic step, so a letter is either whole or absent.
 */
public final class DeadLetterFolder {
    /** Where {@code replay} moves the letters it replayed. */
    public static final String REPLAYED = "replayed";
    /** Where {@code replay} moves files that are no readable dead letter. */
    public static final String UNREADABLE = "unreadable";
    private static final String TEMP_PREFIX = ".dead-letter-";

    /** Writes the content of one letter to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private DeadLetterFolder() {
    }

    /**
     * Checks at start-up that dead letters can be written: for a {@code file:} endpoint, makes its folder and
     * writes (and deletes) a probe letter in it. Throws {@link ConfigException} naming the folder and the
     * setting; options after {@code ?} are refused, as this class writes the letters itself.
     */
    public static void check(String endpointUri) {
        Optional<Path> folder = of(endpointUri);
        if (folder.isEmpty()) {
            return;
        }
        if (endpointUri.indexOf('?') >= 0) {
            throw new ConfigException(Settings.DEAD_LETTER_URI.name() + " '" + shown(endpointUri)
                    + "' has options: the worker writes the dead letters of a file: endpoint itself (atomically, "
                    + "readable by its user only) and takes none; remove them, or name another Camel endpoint");
        }
        try {
            // A name of its own: workers of one process sharing the folder check it as they start together.
            Path probe = write(folder.get(), TEMP_PREFIX + "probe-" + UUID.randomUUID() + ".tmp", out -> out.write('{'));
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("the dead-letter folder " + folder.get() + " (" + Settings.DEAD_LETTER_URI.name()
                    + ") cannot be written: " + reason(e) + "; make it a folder the worker's user can write, or point "
                    + Settings.DEAD_LETTER_URI.name() + " at one");
        }
    }

    /** {@link #write(Path, String, Content)} of these bytes. */
    public static Path write(Path folder, String name, byte[] letter) throws IOException {
        return write(folder, name, out -> out.write(letter));
    }

    /**
     * Writes one letter as {@code folder/name}, making the folder if it is missing: into a hidden temporary
     * file of mode 0600 (where the file system has POSIX permissions), forced to disk, then moved to its name
     * atomically. On any failure nothing is left: no letter, no temporary file. Returns the letter's path.
     */
    public static Path write(Path folder, String name, Content content) throws IOException {
        Files.createDirectories(folder);
        Path temp = createTemp(folder);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            return Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is hidden and not a *.json: replay never takes it for a letter
            }
            throw e;
        }
    }

    private static Path createTemp(Path folder) throws IOException {
        try {
            return Files.createTempFile(folder, TEMP_PREFIX, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(folder, TEMP_PREFIX, ".tmp");
        }
    }

    /** The endpoint as a message may show it: no user info, no password option (Camel's sanitizing). */
    public static String shown(String endpointUri) {
        return URISupport.sanitizeUri(Redaction.withoutUserInfo(endpointUri));
    }

    /** What went wrong, for a message: "Not a directory", "No space left on device", the exception's name. */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException fs) {
            String why = fs.getReason() != null ? fs.getReason()
                    : fs instanceof AccessDeniedException ? "permission denied"
                    : fs instanceof NotDirectoryException ? "not a folder"
                    : fs instanceof NoSuchFileException ? "no such file or folder"
                    : fs instanceof FileAlreadyExistsException ? "a file that is not a folder is in the way"
                    : fs.getClass().getSimpleName();
            return fs.getFile() != null ? why + " (" + fs.getFile() + ")" : why;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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
