package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.it.reliability.Cli;

/**
 * Issue 18, reproduction 3, in the tutorial's folder: {@code types handlers.yaml --out types} overwrote the
 * hand-written types, ignored the source types lying in that folder (so known fields became DECIDE) and
 * named the reduce target's type {@code invoice_totals} where the tutorial's join says {@code invoice_total}.
 * Now it reads the folder, keeps every file it did not write (or that was edited since) unless
 * {@code --force}, and names types as the tutorial does.
 */
class TypesFolderTest {
    static final String HANDLERS = """
            invoice_totals__map:
              invoices: {type: map, version: 1, handler: "item(org, amount)"}
            invoice_totals:
              invoice_totals__map: {type: reduce, version: 1, handler: sum}
            org_summaries__map:
              orgs: {type: map, version: 1, handler: item(id)}
              invoice_totals: {type: map, version: 1, handler: item(_mr_key)}
            org_summaries:
              org_summaries__map:
                type: reduce
                version: 1
                handler:
                  join:
                    org: {name: org_name}
                    invoice_total: {_mr_value: total}
            """;
    static final String ORGS = """
            path: /orgs
            type: org
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', name: '', country: ''}
            """;
    static final String INVOICES = """
            path: /invoices
            type: invoice
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', number: '', org: '', amount: 0}
            """;
    /** The tutorial's hand-written derived and state types. */
    static final Map<String, String> HAND_WRITTEN = new LinkedHashMap<>();

    static {
        HAND_WRITTEN.put("invoice_totals__map", derived("invoice_totals__map", "invoice_total__map",
                "_mr_value: 0, _mr_source_type: '', _mr_source_id: '', _mr_version: 0, _mr_deleted: false"));
        HAND_WRITTEN.put("invoice_totals", derived("invoice_totals", "invoice_total",
                "_mr_value: 0, _mr_version: 0, _mr_timestamp: 0"));
        HAND_WRITTEN.put("org_summaries__map", derived("org_summaries__map", "org_summary__map",
                "_mr_value: '', _mr_source_type: '', _mr_source_id: '', _mr_version: 0, _mr_deleted: false"));
        HAND_WRITTEN.put("org_summaries", derived("org_summaries", "org_summary",
                "_mr_value: '', _mr_version: 0, _mr_timestamp: 0, org_name: '', total: 0, country: ''"));
        HAND_WRITTEN.put("qvarnmr_listeners", """
                path: /qvarnmr_listeners
                type: qvarnmr_listener
                versions:
                - version: v1
                  prototype: {id: '', type: '', revision: '', instance: '', resource_type: '', listener_id: '', owner: '', timestamp: ''}
                """);
        HAND_WRITTEN.put("qvarnmr_handlers", """
                path: /qvarnmr_handlers
                type: qvarnmr_handler
                versions:
                - version: v1
                  prototype: {id: '', type: '', revision: '', instance: '', source: '', target: '', version: 0}
                """);
    }

    private static String derived(String path, String type, String fields) {
        return "path: /" + path + "\ntype: " + type + "\nversions:\n- version: v1\n  prototype: {id: '', type: '', "
                + "revision: '', _mr_key: '', " + fields + "}\n";
    }

    @TempDir
    Path folder;

    Path handlers;
    Path types;

    @BeforeEach
    void sourceTypes() throws Exception {
        handlers = Files.writeString(folder.resolve("handlers.yaml"), HANDLERS);
        types = Files.createDirectories(folder.resolve("types"));
        Files.writeString(types.resolve("orgs.yaml"), ORGS);
        Files.writeString(types.resolve("invoices.yaml"), INVOICES);
    }

    private Cli.Result types(String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "types";
        args[1] = handlers.toString();
        args[2] = "--out";
        System.arraycopy(more, 0, args, 3, more.length);
        return Cli.run(args);
    }

    @Test
    void shouldKeepTheHandWrittenTypesOfTheTutorialFolder() throws Exception {
        for (Map.Entry<String, String> e : HAND_WRITTEN.entrySet()) {
            Files.writeString(types.resolve(e.getKey() + ".yaml"), e.getValue());
        }

        Cli.Result result = types(types.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (Map.Entry<String, String> e : HAND_WRITTEN.entrySet()) {
            assertThat(types.resolve(e.getKey() + ".yaml")).as(e.getKey()).hasContent(e.getValue());
        }
        assertThat(result.out()).contains("kept " + types.resolve("invoice_totals.yaml") + ": types did not write "
                + "it, or it was edited since (--force overwrites it)")
                .endsWith("wrote 0 resource types into " + types + "; kept 6 that types did not write (--force "
                        + "overwrites them)" + System.lineSeparator());
    }

    @Test
    void shouldReadTheSourceTypesInTheFolderAndNameTheTypesAsTheTutorialDoes() throws Exception {
        Cli.Result result = types(types.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("wrote 6 resource types into " + types + System.lineSeparator());
        Map<String, String> names = Map.of("invoice_totals__map", "invoice_total__map",
                "invoice_totals", "invoice_total", "org_summaries__map", "org_summary__map",
                "org_summaries", "org_summary", "qvarnmr_listeners", "qvarnmr_listener",
                "qvarnmr_handlers", "qvarnmr_handler");
        for (Map.Entry<String, String> e : names.entrySet()) {
            String yaml = Files.readString(types.resolve(e.getKey() + ".yaml"));
            assertThat(yaml).as(e.getKey()).contains("\npath: /" + e.getKey() + "\ntype: " + e.getValue() + "\n")
                    .doesNotContain("DECIDE");
        }
        assertThat(types.resolve("invoice_totals__map.yaml")).content().contains("    _mr_value: 0\n");
        assertThat(types.resolve("org_summaries.yaml")).content().contains(
                "    org_name: ''  # from org.name\n", "    total: 0  # from invoice_total._mr_value\n");
        assertThat(types.resolve("orgs.yaml")).hasContent(ORGS);
    }

    @Test
    void shouldRewriteWhatItWroteAndKeepWhatWasEditedSince() throws Exception {
        assertThat(types(types.toString()).exitCode()).isZero();
        Path summaries = types.resolve("org_summaries.yaml");
        String edited = Files.readString(summaries).replace("    total: 0", "    country: ''\n    total: 0");
        Files.writeString(summaries, edited);

        Cli.Result again = types(types.toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(summaries).hasContent(edited);
        assertThat(again.out()).isEqualTo("kept " + summaries + ": types did not write it, or it was edited since "
                + "(--force overwrites it)" + System.lineSeparator() + "wrote 5 resource types into " + types
                + "; kept 1 that types did not write (--force overwrites them)" + System.lineSeparator());
    }

    @Test
    void shouldOverwriteWithForceKeepingTheTypeNameOfTheFileItReplaces() throws Exception {
        Path summaries = types.resolve("org_summaries.yaml");
        Files.writeString(summaries, derived("org_summaries", "summary_of_org", "_mr_value: '', _mr_version: 0"));

        Cli.Result result = types(types.toString(), "--force");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("wrote 6 resource types into " + types + System.lineSeparator());
        assertThat(summaries).content().startsWith("# Generated by qvarnmr-camel ")
                .contains("\ntype: summary_of_org\n", "    org_name: ''  # from org.name\n", "    _mr_timestamp: 0\n");
    }
}
