package org.qvarnmr.camel.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * The original's INI configuration ({@code [qvarn]} and {@code [qvarnmr]}), which this worker reads too, for
 * one side-by-side run. The secret goes only into the file (owner-readable only); {@link #toString()} and
 * {@link #describe()} show it as {@code ****}, so logs and the report never carry it.
 *
 * @param extra further {@code [qvarnmr]} or {@code [qvarn]} settings ("section.key" to value), e.g. this worker's
 *              {@code qvarn.threads}; the original ignores keys it does not know
 */
record WorkerIni(URI baseUrl, String clientId, Secret clientSecret, String instance, Map<String, String> extra) {

    WorkerIni {
        extra = Map.copyOf(extra);
    }

    /** The file's text; {@code reveal} decides whether the secret is in it or masked. */
    private String text(boolean reveal) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> qvarn = sections.computeIfAbsent("qvarn", k -> new LinkedHashMap<>());
        qvarn.put("base_url", baseUrl.toString());
        qvarn.put("client_id", clientId == null ? "" : clientId);
        qvarn.put("client_secret", clientSecret == null ? "" : reveal ? clientSecret.reveal() : clientSecret.toString());
        qvarn.put("verify_requests", "no");
        qvarn.put("scope", ""); // must be present for the original; empty: the kit's token grants every scope
        sections.computeIfAbsent("qvarnmr", k -> new LinkedHashMap<>()).put("instance", instance);
        new java.util.TreeMap<>(extra).forEach((key, value) -> {
            int dot = key.indexOf('.');
            sections.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        StringBuilder out = new StringBuilder();
        sections.forEach((name, values) -> {
            out.append('[').append(name).append("]\n");
            values.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        });
        return out.toString();
    }

    /** Writes the file, readable by its owner only (it holds the secret). */
    Path write(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text(true), StandardCharsets.UTF_8);
        return file;
    }

    /** The file's text with the secret masked, for logs and the report. */
    String describe() {
        return text(false);
    }

    @Override
    public String toString() {
        return "WorkerIni[" + describe().replace('\n', ' ').strip() + "]";
    }
}
