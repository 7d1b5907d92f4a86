package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;

/**
 * Issue 18, reproduction 3: a join keyed by a name no source has ({@code orgs}, the path, for {@code org},
 * the type) copied nothing and {@code validate} said OK. With the source types, {@code validate} and
 * {@code types} refuse it (exit 2) naming the binding's file:line, the types it could be and the one meant;
 * likewise a field that {@code item}, {@code join} or {@code map: value(f)} reads and the type lacks.
 */
class JoinNamesCommandTest {
    /** The README bindings with the join keyed by the path of the orgs (line 5: the join's definition). */
    static final String JOIN_BY_PATH = Bindings.README_BINDINGS.replace("org:    {id: org_id}",
            "orgs:   {id: org_id}");
    static final String JOIN_BY_PATH_PROBLEM = "handlers.yaml:5: target 'company_reports', source "
            + "'company_reports__map': join name 'orgs' names no source type of 'company_reports__map'; its sources "
            + "are /orgs (type 'org'), /reports (type 'report'); did you mean 'org' (the type of path /orgs)? A join "
            + "names resource types, not paths";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAJoinKeyedByThePathNamingTheTypeMeant() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), JOIN_BY_PATH);

        Cli.Result result = Cli.run("validate", handlers.toString(), "--source-types", "config/resource-types");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains(JOIN_BY_PATH_PROBLEM.replace("handlers.yaml:", handlers + ":"));
        assertThat(result.out()).doesNotContain("OK");
    }

    @Test
    void shouldSayWithoutSourceTypesThatAJoinNameIsASourcePath() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), JOIN_BY_PATH);

        Cli.Result result = Cli.run("validate", handlers.toString());

        assertThat(result.exitCode()).as("without the types it cannot know that /orgs is not of type 'orgs'")
                .isZero();
        assertThat(result.out()).contains("note: " + handlers + ":5: join name 'orgs' is the path of source /orgs, "
                + "and a join names resource types, not paths: unless the type at /orgs is named 'orgs' too, write "
                + "its type name; validate --source-types DIR checks it");
    }

    @Test
    void shouldAcceptTheReadmeBindingsAgainstTheirTypes() {
        Cli.Result result = Cli.run("validate", "config/handlers.yaml", "--source-types", "config/resource-types");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("config/handlers.yaml: OK, 5 handlers (checked against the 8 resource "
                + "types in config/resource-types)").doesNotContain("note:");
    }

    @Test
    void shouldRefuseFieldsTheSourceTypesDoNotHave() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), """
                reports_counts__map:
                  reports: {type: map, version: 1, handler: "item(orgg, report_type)"}
                reports_counts:
                  reports_counts__map: {type: reduce, version: 1, handler: count}
                company_reports__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                  reports: {type: map, version: 1, handler: {expression: {language: simple, key: "${body[orgid]}"}}}
                company_reports:
                  company_reports__map: {type: reduce, version: 1, handler: {join: {org: {nmae: org_id}}}, map: value(kind)}
                """);

        Cli.Result result = Cli.run("validate", handlers.toString(), "--source-types", "config/resource-types");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains(
                handlers + ":2: target 'reports_counts__map', source 'reports': item(key=orgg, value=report_type) "
                        + "reads field 'orgg' of /reports, but its type 'report' (config/resource-types/reports.yaml) "
                        + "has no such field; it has: generated_timestamp, id, org, report_type, revision, "
                        + "tilaajavastuu_status, type",
                handlers + ":7: target 'company_reports__map', source 'reports': expression(language=simple, "
                        + "key=${body[orgid]}) reads field 'orgid' of /reports, but its type 'report' "
                        + "(config/resource-types/reports.yaml) has no such field; it has: generated_timestamp, ",
                handlers + ":9: target 'company_reports', source 'company_reports__map': join name 'org' reads "
                        + "field 'nmae' of /orgs, but its type 'org' (config/resource-types/orgs.yaml) has no such "
                        + "field; it has: contacts, country, ",
                handlers + ":9: target 'company_reports', source 'company_reports__map': map: value(field=kind) "
                        + "reads field 'kind' of /company_reports__map, but its type 'company_reports__map' "
                        + "(config/resource-types/company_reports__map.yaml) has no such field; it has: _mr_deleted, ");
    }

    @Test
    void shouldRefuseTheJoinInTypesAndWriteNothing() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), JOIN_BY_PATH);
        Path out = dir.resolve("types");

        Cli.Result result = Cli.run("types", handlers.toString(), "--source-types", "config/resource-types",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains(JOIN_BY_PATH_PROBLEM.replace("handlers.yaml:", handlers + ":"));
        assertThat(out).doesNotExist();
    }
}
