package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * How the demo shows derived data to a reader: each table with a paragraph on what it is, and every org id
 * with the org's name beside it, so nobody has to match hex ids by hand.
 */
final class DemoTables {
    private final QvarnClient client;
    private final HandlerBindings bindings;
    private final Map<String, String> orgNames = new HashMap<>();

    DemoTables(QvarnClient client, HandlerBindings bindings) {
        this.client = client;
        this.bindings = bindings;
        refreshNames();
    }

    /** Reads the orgs' names again (a reader may have added orgs). */
    void refreshNames() {
        for (ObjectNode org : client.search(Search.on("orgs").showAll())) {
            orgNames.put(org.get("id").asText(), org.path("names").path(0).asText());
        }
    }

    /** {@code 3f2a-... (Acme Oy)} for an org id, the text itself otherwise. */
    String named(String text) {
        String name = orgNames.get(text);
        return name == null ? text : text + " (" + name + ")";
    }

    /** The org's name for an org id, the text itself otherwise (for short change lines). */
    String shortName(String text) {
        return orgNames.getOrDefault(text, text);
    }

    /** What a target holds, in one paragraph made from its bindings (true for any bindings file). */
    String explain(String target) {
        List<HandlerBinding> of = bindings.all().stream().filter(b -> b.target().equals(target)).toList();
        if (of.get(0).kind() == HandlerKind.MAP) {
            String from = of.stream().map(b -> b.source() + " through " + b.description())
                    .collect(Collectors.joining(", and one per "));
            return target + " holds the map rows: one per " + from + ". _mr_key is the key a reduce groups "
                    + "by, _mr_value the value the map emitted, _mr_source_type the type the row came from.";
        }
        HandlerBinding reduce = of.get(0);
        return target + " holds one row per key of " + reduce.source() + ": the " + reduce.description()
                + " of that key's map rows. _mr_key is the key; the result is in _mr_value or, for an object, "
                + "in fields of its own.";
    }

    /** A readable table of one derived type after its paragraph: key, value and data fields. */
    void print(PrintStream out, String type) {
        List<ObjectNode> rows = new ArrayList<>(client.search(Search.on(type).showAll()));
        rows.sort(Comparator.comparing((ObjectNode r) -> String.valueOf(MrFields.text(r, MrFields.KEY)))
                .thenComparing(r -> String.valueOf(MrFields.text(r, MrFields.SOURCE_TYPE))));
        Set<String> columns = new LinkedHashSet<>(List.of(MrFields.KEY));
        for (ObjectNode row : rows) {
            row.fieldNames().forEachRemaining(f -> {
                JsonNode v = row.get(f);
                if (!bookkeeping(f) && v != null && !v.isNull()) {
                    columns.add(f);
                }
            });
        }
        out.println();
        out.println(type + " (" + rows.size() + " rows)");
        out.println("  " + explain(type));
        Map<String, Integer> widths = new HashMap<>();
        for (String c : columns) {
            int w = c.length();
            for (ObjectNode row : rows) {
                w = Math.max(w, cell(row, c).length());
            }
            widths.put(c, w);
        }
        StringBuilder header = new StringBuilder();
        columns.forEach(c -> header.append(String.format("  %-" + widths.get(c) + "s", c)));
        out.println(header);
        for (ObjectNode row : rows) {
            StringBuilder line = new StringBuilder();
            columns.forEach(c -> line.append(String.format("  %-" + widths.get(c) + "s", cell(row, c))));
            out.println(line);
        }
    }

    /** A reduce row's result as one short text: its {@code _mr_value}, or its own fields. */
    String result(ObjectNode row) {
        JsonNode value = row.get(MrFields.VALUE);
        if (value != null && !value.isNull()) {
            return value.isTextual() ? shortName(value.asText()) : value.toString();
        }
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(f -> {
            if (!bookkeeping(f) && !f.equals(MrFields.KEY) && !f.equals(MrFields.VALUE)) {
                fields.add(f + "=" + shortName(text(row.get(f))));
            }
        });
        return String.join(" ", fields);
    }

    private static boolean bookkeeping(String field) {
        return MrFields.QVARN_FIELDS.contains(field) || field.equals(MrFields.TIMESTAMP)
                || field.equals(MrFields.VERSION) || field.equals(MrFields.DELETED) || field.equals(MrFields.SOURCE_ID);
    }

    private String cell(ObjectNode row, String column) {
        return named(text(row.get(column)));
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString();
    }
}
