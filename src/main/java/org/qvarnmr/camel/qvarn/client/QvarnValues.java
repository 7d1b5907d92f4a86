package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Small helpers for values as Qvarn sends and expects them. */
public final class QvarnValues {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QvarnValues() {
    }

    /**
     * Reads a boolean leniently: {@code true}, a non-zero integer (Qvarn on SQLite answers 1/0) and the
     * text {@code "true"} or {@code "1"} (any case) are true; anything else, null and a missing node are false.
     */
    /** A field's text, or null when the resource has no such field or it is null. */
    public static String text(JsonNode resource, String field) {
        JsonNode v = resource.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static boolean isTrue(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue() != 0;
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            return text.equalsIgnoreCase("true") || text.equals("1");
        }
        return false;
    }

    /**
     * Percent-encodes one URL path segment exactly like Python's {@code urllib.parse.quote(value, safe='')}:
     * UTF-8, everything but {@code A-Za-z0-9_.-~} as upper-case {@code %XX}; so {@code /} is {@code %2F},
     * a space {@code %20} and {@code +} {@code %2B}.
     */
    public static String quote(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-' || c == '~';
    }

    /** A resource type's path name without slashes ({@code /orgs/} → {@code orgs}); rejects an empty one. */
    static String pathName(String path) {
        if (path == null) {
            throw new IllegalArgumentException("resource path is null");
        }
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        if (start == end) {
            throw new IllegalArgumentException("resource path is empty: '" + path + "'");
        }
        // The request is built from this text as is (no URI parser checks it), so only URL-safe characters pass.
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c != '/' && !isUnreserved(c)) {
                throw new IllegalArgumentException("resource path '" + path + "' has a character that cannot"
                        + " stand in a URL path: '" + c + "'; use letters, digits, '-', '_', '.' or '~'");
            }
        }
        return path.substring(start, end);
    }
}
