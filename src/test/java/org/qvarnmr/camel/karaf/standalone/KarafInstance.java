package org.qvarnmr.camel.karaf.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stock Apache Karaf, copied from the distribution Maven unpacked, that listens on no fixed port: the
 * {@code ssh} and {@code management} boot features are left out (no SSH, RMI or JMX port) and the
 * shutdown port is a free one on 127.0.0.1, found by Karaf and read by {@code bin/stop}. Bundles and
 * configurations go in through its {@code deploy/} and {@code etc/} folders, as an operator's would.
 */
final class KarafInstance implements AutoCloseable {
    private static final long STOP_WAIT_SECONDS = 90;

    private final Path home;
    private Process process;

    private KarafInstance(Path home) {
        this.home = home;
    }

    /** Copies {@code distribution} into {@code work} (emptied first) and prepares it. */
    static KarafInstance prepare(Path distribution, Path work) throws IOException {
        if (!Files.isRegularFile(distribution.resolve("bin/karaf"))) {
            throw new IllegalStateException("no Karaf distribution at " + distribution
                    + "; run mvn verify, which unpacks org.apache.karaf:apache-karaf:tar.gz there");
        }
        deleteTree(work);
        copyTree(distribution, work);
        Path features = work.resolve("etc/org.apache.karaf.features.cfg");
        List<String> lines = Files.readAllLines(features).stream()
                .filter(l -> !l.strip().startsWith("ssh/") && !l.strip().startsWith("management/"))
                .toList();
        Files.write(features, lines);
        Files.writeString(work.resolve("etc/custom.properties"),
                "\nkaraf.shutdown.host=127.0.0.1\nkaraf.shutdown.port=0\n", StandardOpenOption.APPEND);
        return new KarafInstance(work);
    }

    Path etc() {
        return home.resolve("etc");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** Starts {@code bin/karaf server}; its console output goes to {@code karaf.out}. */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_MAX_MEM", "512m");
        process = pb.start();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** The log lines that mention {@code text}, for failure messages and conditions. */
    List<String> logLines(String text) {
        if (!Files.isRegularFile(log())) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // being rotated or written; the caller polls again
        }
    }

    /** {@code bin/stop}, then waits for the JVM; kills it (and its children) if it does not end. */
    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        try {
            Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile()).start();
            stop.waitFor(60, TimeUnit.SECONDS);
            process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
