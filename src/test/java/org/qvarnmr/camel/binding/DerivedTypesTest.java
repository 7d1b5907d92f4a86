package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * {@code types HANDLERS.yaml --out DIR} writes the types a bindings file needs; the embedded Qvarn loads
 * them beside the source types and the worker runs on them. Fields whose type cannot be known say so.
 */
class DerivedTypesTest {
    private static final String INVOICES = Bindings.INVOICES_TYPE;
    private static final String SUM_AND_JOIN = """
            invoice_totals__map:
              invoices: {type: map, version: 1, handler: "item(org, amount)"}
            invoice_totals:
              invoice_totals__map: {type: reduce, version: 1, handler: sum}
            invoice_orgs__map:
              invoices: {type: map, version: 1, handler: item(org)}
            invoice_orgs:
              invoice_orgs__map: {type: reduce, version: 1, handler: {join: {invoice: {org: null, amount: last_amount}}}}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldWriteTypesTheEmbeddedQvarnLoadsAndTheWorkerFills() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Files.writeString(sources.resolve("invoices.yaml"), INVOICES);
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), SUM_AND_JOIN);
        Path out = dir.resolve("types");

        Cli.Result result = Cli.run("types", handlers.toString(), "--source-types", sources.toString(), "--out",
                out.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("wrote 6 resource types into " + out + System.lineSeparator());
        assertThat(Files.readString(out.resolve("invoice_totals__map.yaml"))).contains("    _mr_value: 0\n",
                "    _mr_source_id: ''\n", "    _mr_deleted: false\n");
        assertThat(Files.readString(out.resolve("invoice_orgs.yaml"))).contains("    org: ''  # from invoice.org\n",
                "    last_amount: 0  # from invoice.amount\n", "    _mr_timestamp: 0\n");
        try (QvarnMrHarness qvarn = TestQvarn.builder().on(
                EmbeddedQvarn.builder().resourceTypesDir(out).resourceTypeYaml(INVOICES).build().start())) {
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");
            qvarn.create("invoices", "{\"org\": \"acme\", \"amount\": 7}");

            assertThat(qvarn.bindingsYaml(SUM_AND_JOIN).runWorker()).isZero();

            assertThat(qvarn.derivedByKey("invoice_totals").get("acme").get("_mr_value").asInt()).isEqualTo(12);
            assertThat(qvarn.derivedByKey("invoice_orgs").get("acme").get("org").asText()).isEqualTo("acme");
        }
    }

    @Test
    void shouldMarkWhatTheUserMustDecide() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), """
                a__map:
                  invoices: {type: map, version: 1, handler: "item(org, amount)"}
                a:
                  a__map: {type: reduce, version: 1, handler: avg}
                """);

        Cli.Result result = Cli.run("types", handlers.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("    _mr_value: ''  # DECIDE: the type of invoices.amount (source type not given): '' for "
                        + "text, 0 for whole numbers, false for booleans, [''] for lists of text\n")
                .contains("    _mr_value: 0  # DECIDE: avg gives a fraction, and Qvarn 0.82 has no field type for "
                        + "fractions")
                .contains("path: /qvarnmr_listeners\ntype: qvarnmr_listener\n", "path: /qvarnmr_handlers\n");
    }

    @Test
    void shouldRefuseInvalidBindingsWithExitTwo() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), "a__map:\n  orgs: {type: mapp}\n");

        Cli.Result result = Cli.run("types", handlers.toString(), "--out", dir.resolve("types").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains("handlers.yaml:2: target 'a__map', source 'orgs'");
        assertThat(dir.resolve("types")).doesNotExist();
    }
}
