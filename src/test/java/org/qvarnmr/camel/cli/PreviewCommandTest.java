package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import picocli.CommandLine;

/** {@code preview}: what each map handler of a source emits for one resource, without Qvarn. */
class PreviewCommandTest {
    private static final String REPORT = "{\"id\": \"r-1\", \"type\": \"report\", \"org\": \"o-1\", \"report_type\": \"x\"}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int preview(String... args) {
        CommandLine cli = RootCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "preview";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void shouldPrintThePairsOfEveryMapHandlerOfTheSource() throws Exception {
        int code = preview("config/handlers.yaml", "--source", "reports", "--resource", file("r.json", REPORT));

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("""
                company_reports__map <- reports: item(key=org) (version 1)
                  {"key":"o-1","value":null}
                reports_counts__map <- reports: item(key=org) (version 1)
                  {"key":"o-1","value":null}
                """);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldPrintJsonOnRequest() throws Exception {
        int code = preview("config/handlers.yaml", "--source", "orgs", "--resource", file("o.json", "{\"id\": \"o-1\"}"),
                "--json");

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report).hasSize(1);
        assertThat(report.get(0).get("target").asText()).isEqualTo("company_reports__map");
        assertThat(report.get(0).get("handler").asText()).isEqualTo("item(key=id)");
        assertThat(report.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(report.get(0).get("pairs").toString()).isEqualTo("[{\"key\":\"o-1\",\"value\":null}]");
        assertThat(report.get(0).get("error").isNull()).isTrue();
    }

    @Test
    void shouldEvaluateExpressionsAndNoteKeysTheWorkerSkips() throws Exception {
        String bindings = file("h.yaml", """
                by_tag__map:
                  things:
                    type: map
                    version: 1
                    handler: {expression: {language: simple, key: "${body[tags]}", value: "${body[n]}"}}
                by_owner__map:
                  things: {type: map, version: 1, handler: item(owner)}
                """);

        int code = preview(bindings, "--source", "things", "--resource", file("t.json", "{\"tags\": [\"a\", \"b\"], \"n\": 2, \"owner\": null}"));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("""
                  {"key":"a","value":2}
                  {"key":"b","value":2}
                """).contains("{\"key\":null,\"value\":null}   # null or empty key: the worker writes no row for it");
    }

    @Test
    void shouldGiveHandlersNoQvarnByDefaultAndShowTheirFailure() throws Exception {
        String bindings = file("h.yaml", "names__map:\n  reports: {type: map, version: 1, handler: {class: "
                + OrgNameMapper.class.getName() + "}}\n");

        int code = preview(bindings, "--source", "reports", "--resource", file("r.json", REPORT));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("names__map <- reports: class(" + OrgNameMapper.class.getName() + ") (version 1)")
                .contains("FAILED: java.lang.IllegalStateException: this handler reads orgs from Qvarn: give --qvarn-url");
    }

    @Test
    void shouldGiveHandlersAQvarnClientWithQvarnUrlAndWriteNothing() throws Exception {
        String bindings = file("h.yaml", "company_reports__map:\n  reports: {type: map, version: 1, handler: {class: "
                + OrgNameMapper.class.getName() + "}}\n");
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .build().start();
             QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()))) {
            ObjectNode org = JsonNodeFactory.instance.objectNode();
            org.putArray("names").add("Acme Oy");
            String orgId = client.create("orgs", org).get("id").asText();

            int code = preview(bindings, "--source", "reports", "--qvarn-url", qvarn.baseUrl().toString(),
                    "--resource", file("r.json", "{\"org\": \"" + orgId + "\"}"));

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("{\"key\":\"" + orgId + "\",\"value\":\"Acme Oy\"}");
            assertThat(client.search(Search.on("company_reports__map").showAll())).isEmpty();
        }
    }

    @Test
    void shouldRefuseASourceWithoutMapHandlers() throws Exception {
        String resource = file("r.json", REPORT);

        assertThat(preview("config/handlers.yaml", "--source", "nothing", "--resource", resource)).isEqualTo(2);
        assertThat(err.toString()).contains("no map handler in config/handlers.yaml reads 'nothing'")
                .contains("map sources there: orgs, reports");

        assertThat(preview("config/handlers.yaml", "--source", "reports_counts__map", "--resource", resource)).isEqualTo(2);
        assertThat(err.toString()).contains("'reports_counts__map' is a map target read by reduce target 'reports_counts'");
    }

    @Test
    void shouldNameABadResourceFile() throws Exception {
        assertThat(preview("config/handlers.yaml", "--source", "orgs", "--resource", dir.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("none.json: file not found");

        String malformed = file("bad.json", "{\n  \"id\": \"o-1\",\n  oops\n}");
        assertThat(preview("config/handlers.yaml", "--source", "orgs", "--resource", malformed)).isEqualTo(2);
        assertThat(err.toString()).contains("bad.json:3:").contains("malformed JSON");

        assertThat(preview("config/handlers.yaml", "--source", "orgs", "--resource", file("list.json", "[1]")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("list.json: the resource must be a JSON object, found array");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldNameABadBindingsFile() throws Exception {
        String bindings = file("h.yaml", "a__map:\n  orgs: {type: map, version: 0, handler: item(id)}\n");

        assertThat(preview(bindings, "--source", "orgs", "--resource", file("o.json", "{}"))).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid handler bindings in " + bindings)
                .contains("version must be a positive integer or 'auto', found integer 0");
    }

    @Test
    void shouldRequireSourceAndResource() {
        assertThat(preview("config/handlers.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required options");
    }
}
