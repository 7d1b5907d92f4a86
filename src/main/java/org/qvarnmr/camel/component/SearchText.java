package org.qvarnmr.camel.component;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * A search written in Qvarn 0.82's URL grammar (protocol 5.1), the part after {@code /TYPE/search/}:
 * {@code exact/country/FI/show/names/sort/names/limit/10}. Values are given as text; a value holding a
 * {@code /} is written percent-encoded ({@code %2F}), as in the URL. Read into the client's {@link Search},
 * which encodes the values again.
 */
final class SearchText {
    private SearchText() {
    }

    static Search parse(String type, String text) {
        String trimmed = text == null ? "" : text.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.startsWith("search/")) {
            trimmed = trimmed.substring("search/".length());
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("qvarn:" + type + " search is empty: give one in the search option or "
                    + "the QvarnSearch header, e.g. exact/name/Acme/show_all");
        }
        List<String> parts = List.of(trimmed.split("/", -1));
        Search search = Search.on(type);
        int i = 0;
        while (i < parts.size()) {
            String word = parts.get(i);
            if (Search.OPERATORS.contains(word)) {
                search = search.where(word, arg(parts, i + 1, text), decode(arg(parts, i + 2, text)));
                i += 3;
            } else if (word.equals("show_all")) {
                search = search.showAll();
                i += 1;
            } else if (word.equals("show") || word.equals("sort")) {
                String field = arg(parts, i + 1, text);
                search = word.equals("show") ? search.show(field) : search.sort(field);
                i += 2;
            } else if (word.equals("limit") || word.equals("offset")) {
                int n = count(arg(parts, i + 1, text), text);
                search = word.equals("limit") ? search.limit(n) : search.offset(n);
                i += 2;
            } else {
                throw new IllegalArgumentException("search '" + text + "': unknown word '" + word + "' (expected one of "
                        + "exact, ne, gt, ge, lt, le, startswith, contains, show, show_all, sort, limit, offset)");
            }
        }
        return search;
    }

    private static String arg(List<String> parts, int index, String text) {
        if (index >= parts.size() || parts.get(index).isEmpty()) {
            throw new IllegalArgumentException("search '" + text + "': '" + parts.get(Math.min(index, parts.size()) - 1)
                    + "' lacks a value after it");
        }
        return parts.get(index);
    }

    private static int count(String word, String text) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("search '" + text + "': '" + word + "' is not a whole number");
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
