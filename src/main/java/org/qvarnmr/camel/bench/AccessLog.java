package org.qvarnmr.camel.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Qvarn's access log (uWSGI, one line per request: {@code METHOD URI STATUS MSms}), read from a
 * mark to its end: the server's own time per route over one measured run. Only that run's worker talks
 * to the server meanwhile, so every line is the worker's.
 */
final class AccessLog {
    private static final Pattern LINE = Pattern.compile("(\\S+) (\\S+) (\\d{3}) (\\d+)ms");

    /** The server's count and summed time (ms) per route template over a run. */
    record ServerTimes(SortedMap<String, long[]> byRoute, int unparsed) {
        long requests() {
            return byRoute.values().stream().mapToLong(v -> v[0]).sum();
        }

        long millis() {
            return byRoute.values().stream().mapToLong(v -> v[1]).sum();
        }
    }

    private final Path file;

    AccessLog(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("--access-log " + file + " is not a file: give the real Qvarn's access.log "
                    + "(in its run directory, e.g. ${TMPDIR:-/tmp}/qvarn-0.82-PORT/access.log)");
        }
        this.file = file;
    }

    /** Where the next run's lines start. */
    long mark() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read --access-log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lines after {@code mark}, waiting up to {@code waitMillis} for at least {@code expected} of them
     * (uWSGI writes a line just after it answers, so the last ones may lag the client).
     */
    ServerTimes since(long mark, long expected, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        List<String> lines = read(mark);
        while (lines.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            lines = read(mark);
        }
        SortedMap<String, long[]> byRoute = new TreeMap<>();
        int unparsed = 0;
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                unparsed++;
                continue;
            }
            long[] sum = byRoute.computeIfAbsent(m.group(1) + " " + template(m.group(2)), k -> new long[2]);
            sum[0]++;
            sum[1] += Long.parseLong(m.group(4));
        }
        return new ServerTimes(byRoute, unparsed);
    }

    private List<String> read(long mark) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < mark) {
                throw new IllegalStateException("--access-log " + file + " was emptied during the run (a server restart?)");
            }
            byte[] bytes = new byte[(int) (length - mark)];
            in.seek(mark);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n'); // a line still being written is left for later
            List<String> lines = new ArrayList<>();
            for (String line : text.substring(0, end + 1).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read --access-log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The route template of a request URI, as the worker's client names it: {@code /reports/{id}},
     * {@code /reports/search}, {@code /reports/listeners/{lid}/notifications/{nid}}.
     */
    static String template(String uri) {
        int query = uri.indexOf('?');
        String[] parts = (query < 0 ? uri : uri.substring(0, query)).split("/");
        if (parts.length < 3) {
            return uri;
        }
        String type = "/" + parts[1];
        String second = parts[2];
        if (second.equals("search")) {
            return type + "/search";
        }
        if (!second.equals("listeners")) {
            return parts[1].equals("auth") ? uri : type + "/{id}" + (parts.length > 3 ? "/" + parts[3] : "");
        }
        String[] names = {"listeners", "{lid}", "notifications", "{nid}"};
        StringBuilder route = new StringBuilder(type);
        for (int i = 2; i < parts.length && i - 2 < names.length; i++) {
            route.append('/').append(names[i - 2]);
        }
        return route.toString();
    }
}
