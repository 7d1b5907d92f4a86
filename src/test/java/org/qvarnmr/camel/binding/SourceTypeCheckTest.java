package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.handler.builtin.JoinReducer;

/**
 * What bindings read, checked against resource type files: join names are types of the map target's
 * sources (not their paths), and the fields read are in the types. Also how the types are read.
 */
class SourceTypeCheckTest {
    private static final String JOIN = """
            s__map:
              orgs:    {type: map, version: 1, handler: item(id)}
              reports: {type: map, version: 1, handler: item(org)}
            s:
              s__map: {type: reduce, version: 1, handler: {join: {%s: {id: x}}}}
            """;

    @TempDir
    Path dir;

    private Path types(String... pathAndName) throws Exception {
        for (int i = 0; i < pathAndName.length; i += 2) {
            Files.writeString(dir.resolve(pathAndName[i] + ".yaml"), "path: /" + pathAndName[i] + "\ntype: "
                    + pathAndName[i + 1] + "\nversions:\n- version: v1\n  prototype: {id: '', type: '', org: ''}\n");
        }
        return dir;
    }

    private static HandlerBindings load(String yaml) {
        return new BindingsLoader(HandlerResolver.NONE).parse(yaml, "h.yaml");
    }

    @Test
    void shouldGiveEachJoinTheSourcesOfItsMapTarget() {
        HandlerBinding reduce = load(JOIN.formatted("org")).reduceHandlerOf("s__map").orElseThrow();

        assertThat(((JoinReducer) reduce.reduceHandler()).sourcePaths()).containsExactly("orgs", "reports");
    }

    @Test
    void shouldRefuseAJoinNameThatIsNoTypeOfTheSourcesOnlyWhenAllAreKnown() throws Exception {
        SourceTypes both = SourceTypes.of(types("orgs", "org", "reports", "report"));

        assertThat(SourceTypeCheck.check(load(JOIN.formatted("org")), both)).isEmpty();
        assertThatThrownBy(() -> SourceTypeCheck.check(load(JOIN.formatted("person")), both))
                .isInstanceOf(BindingException.class)
                .hasMessageContaining("h.yaml:5: target 's', source 's__map': join name 'person' names no source "
                        + "type of 's__map'; its sources are /orgs (type 'org'), /reports (type 'report'); a join "
                        + "names resource types, not paths");

        Files.delete(dir.resolve("reports.yaml"));
        SourceTypes orgsOnly = SourceTypes.of(dir);
        assertThat(SourceTypeCheck.check(load(JOIN.formatted("person")), orgsOnly))
                .as("/reports may be of type 'person'")
                .containsExactly("no type file for /reports: what the bindings read there is not checked");
        assertThatThrownBy(() -> SourceTypeCheck.check(load(JOIN.formatted("orgs")), orgsOnly))
                .as("but 'orgs' is the path of the orgs, whose type is 'org'")
                .hasMessageContaining("join name 'orgs' names no source type of 's__map'; its sources are /orgs "
                        + "(type 'org'), /reports (type not given); did you mean 'org' (the type of path /orgs)?");
    }

    @Test
    void shouldAcceptAJoinNameThatIsThePathWhenTheTypeHasThatNameToo() throws Exception {
        SourceTypes same = SourceTypes.of(types("orgs", "orgs", "reports", "report"));

        assertThat(SourceTypeCheck.check(load(JOIN.formatted("orgs")), same)).isEmpty();
    }

    @Test
    void shouldNotRefuseAFieldOfATypeWrittenForAHandlerWhoseOutputItCannotKnow() throws Exception {
        HandlerBindings bindings = load("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                a:
                  a__map: {type: reduce, version: 1, handler: {class: org.qvarnmr.camel.binding.testhandlers.FixedReduceHandler}}
                b__map:
                  a: {type: map, version: 1, handler: item(total)}
                  orgs: {type: map, version: 1, handler: item(nmae)}
                """);
        SourceTypes orgs = SourceTypes.of(types("orgs", "org"));
        SourceTypes all = orgs.with(new DerivedTypes(bindings, orgs, "test").types());

        assertThatThrownBy(() -> SourceTypeCheck.check(bindings, all))
                .as("the class's object may have 'total', the orgs have no 'nmae'")
                .hasMessageEndingWith("h.yaml:7: target 'b__map', source 'orgs': item(key=nmae) reads field 'nmae' "
                        + "of /orgs, but its type 'org' (" + dir.resolve("orgs.yaml") + ") has no such field; it "
                        + "has: id, org, type");
    }

    @Test
    void shouldRefuseTwoFilesForOnePathOrOneTypeName() throws Exception {
        types("orgs", "org");
        Path other = Files.createDirectories(dir.resolve("more"));
        Files.writeString(other.resolve("organisations.yaml"), "path: /organisations\ntype: org\nversions:\n"
                + "- version: v1\n  prototype: {id: ''}\n");

        assertThatThrownBy(() -> SourceTypes.of(List.of(dir, other)))
                .hasMessage(other.resolve("organisations.yaml") + ": type name 'org' is defined by "
                        + dir.resolve("orgs.yaml") + " too; one resource type per path and per name");
        assertThat(SourceTypes.of(List.of(dir, dir)).size()).as("a folder given twice is read once").isEqualTo(1);
    }

    @Test
    void shouldNameGeneratedTypesAsQvarnNamesItsTypes() {
        assertThat(List.of("invoice_totals", "invoice_totals__map", "org_summaries", "org_summaries__map",
                "addresses", "status", "analysis", "data").stream().map(DerivedTypes::singular))
                .containsExactly("invoice_total", "invoice_total__map", "org_summary", "org_summary__map",
                        "address", "status", "analysis", "data");
    }

    @Test
    void shouldKnowTheFilesItStampedUntilTheyAreEdited() {
        String stamped = TypeFileStamp.stamp("Generated by qvarnmr-camel 1 types h.yaml", "path: /a\ntype: a\n");

        assertThat(stamped).startsWith("# Generated by qvarnmr-camel 1 types h.yaml; sha256 ");
        assertThat(TypeFileStamp.writtenByTypes(stamped)).isTrue();
        assertThat(TypeFileStamp.writtenByTypes(stamped.replace("type: a", "type: b"))).isFalse();
        assertThat(TypeFileStamp.writtenByTypes("path: /a\ntype: a\n")).isFalse();
        assertThat(TypeFileStamp.writtenByTypes("# Generated by qvarnmr-camel 0.1 types h.yaml\npath: /a\n"))
                .as("a file of an earlier version, without checksum, may have been edited").isFalse();
    }
}
