package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every validation rule, each reported with file:line, target and source. */
class BindingValidationTest {
    static final String FILE = "handlers.yaml";

    static List<String> problems(BindingsLoader loader, String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (BindingException e) {
            return e.problems();
        }
        return fail("expected a BindingException for:%n%s", yaml);
    }

    private static List<String> problems(String yaml) {
        return problems(new BindingsLoader(HandlerResolver.NONE), yaml);
    }

    @Test
    void shouldStartTheMessageWithTheFileAndListOneProblemPerLine() {
        try {
            new BindingsLoader(HandlerResolver.NONE).parse("""
                    a__map:
                      orgs: {type: map, version: 0, handler: item(id)}
                    b:
                      a__map: {type: reduce, version: 1, handler: cont}
                    """, FILE);
            fail("expected a BindingException");
        } catch (BindingException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.getMessage()).isEqualTo("""
                    Invalid handler bindings in handlers.yaml:
                      handlers.yaml:2: target 'a__map', source 'orgs': version must be a positive integer or 'auto', found integer 0
                      handlers.yaml:4: target 'b', source 'a__map': unknown built-in 'cont'; known: count, sum, min, max, avg, list""");
        }
    }

    @Test
    void shouldReportAllProblemsOfTheFileInLineOrder() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: x, handler: count, extra: 1}
                  reports: {type: mapp, version: 1, handler: item(org)}
                b:
                  nowhere: {type: reduce, version: 1, handler: sum}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': version must be a positive integer or 'auto', found string 'x'",
                FILE + ":2: target 'a__map', source 'orgs': 'count' is a reduce-only built-in; it cannot be used in a map definition",
                FILE + ":2: target 'a__map', source 'orgs': unknown field 'extra'; allowed: type, version, handler",
                FILE + ":3: target 'a__map', source 'reports': type must be 'map' or 'reduce', found string 'mapp'",
                FILE + ":5: target 'b', source 'nowhere': the source of a reduce must be a map target defined in this file, "
                        + "but 'nowhere' is not a target here");
    }

    @Test
    void shouldRejectAnEmptyFile() {
        assertThat(problems("# nothing\n")).containsExactly(
                FILE + ": the file is empty; it must map each target to its sources and definitions");
    }

    @Test
    void shouldRejectATopLevelThatIsNotAMapping() {
        assertThat(problems("- a\n- b\n")).containsExactly(
                FILE + ":1: the top level must be a mapping of target -> source -> definition, found a sequence");
    }

    @Test
    void shouldRejectATargetThatIsNotAMappingOfSources() {
        assertThat(problems("a__map: 5\nb__map: {}\n")).containsExactly(
                FILE + ":1: target 'a__map': a target must be a mapping of source -> definition, found integer 5",
                FILE + ":2: target 'b__map': a target must be a mapping of source -> definition, found an empty mapping");
    }

    @Test
    void shouldRejectADefinitionThatIsNotAMapping() {
        assertThat(problems("a__map:\n  orgs: item(id)\n")).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': a definition must be a mapping with type, version and handler, "
                        + "found string 'item(id)'");
    }

    @Test
    void shouldRejectMixedTypesInOneTarget() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                  reports: {type: reduce, version: 1, handler: count}
                """)).contains(
                FILE + ":3: target 'a__map', source 'reports': type 'reduce' differs from type 'map' of source 'orgs' (line 2); "
                        + "all handlers of one target must have the same type");
    }

    @Test
    void shouldRejectAReduceTargetWithSeveralSources() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                b__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                counts:
                  a__map: {type: reduce, version: 1, handler: count}
                  b__map: {type: reduce, version: 1, handler: count}
                """)).containsExactly(
                FILE + ":5: target 'counts': a reduce target must have exactly one source, found 2: a__map, b__map");
    }

    @Test
    void shouldRejectAReduceWhoseSourceIsNotAMapTargetOfTheFile() {
        assertThat(problems("""
                counts:
                  orgs: {type: reduce, version: 1, handler: count}
                """)).containsExactly(
                FILE + ":2: target 'counts', source 'orgs': the source of a reduce must be a map target defined in this file, "
                        + "but 'orgs' is not a target here");
    }

    @Test
    void shouldRejectAReduceWhoseSourceIsAReduceTarget() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                counts:
                  a__map: {type: reduce, version: 1, handler: count}
                counts_of_counts:
                  counts: {type: reduce, version: 1, handler: count}
                """)).containsExactly(
                FILE + ":6: target 'counts_of_counts', source 'counts': the source of a reduce must be a map target "
                        + "defined in this file, but 'counts' is a reduce target");
    }

    @Test
    void shouldRejectAMapTargetFeedingTwoReduceTargets() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                counts:
                  a__map: {type: reduce, version: 1, handler: count}
                lists:
                  a__map: {type: reduce, version: 1, handler: list}
                """)).containsExactly(
                FILE + ":6: target 'lists', source 'a__map': map target 'a__map' already feeds reduce target 'counts' "
                        + "(line 4); a map target can feed only one reduce target");
    }

    @Test
    void shouldRejectTargetsThatFeedThemselves() {
        assertThat(problems("""
                a__map:
                  b__map: {type: map, version: 1, handler: item(id)}
                b__map:
                  a__map: {type: map, version: 1, handler: item(id)}
                """)).containsExactly(
                FILE + ":4: target 'b__map', source 'a__map': targets read each other in a cycle (a__map <- b__map <- a__map); "
                        + "a target must not feed itself");
    }

    @Test
    void shouldNameTheUnknownFieldAndTheAllowedOnes() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id), reduce: count}
                counts:
                  a__map: {type: reduce, version: 1, handler: count, mapp: value}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': unknown field 'reduce'; allowed: type, version, handler",
                FILE + ":4: target 'counts', source 'a__map': unknown field 'mapp'; allowed: type, version, handler, map");
    }

    @Test
    void shouldRejectMapFieldInAMapDefinition() {
        assertThat(problems("a__map:\n  orgs: {type: map, version: 1, handler: item(id), map: value}\n")).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': field 'map' is only allowed in reduce definitions; "
                        + "allowed: type, version, handler");
    }

    @Test
    void shouldRequireTypeVersionAndHandler() {
        assertThat(problems("""
                a__map:
                  orgs: {version: 1, handler: item(id)}
                  reports: {type: map}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': missing required field 'type' (map or reduce)",
                FILE + ":3: target 'a__map', source 'reports': missing required field 'version' (a positive integer or auto)",
                FILE + ":3: target 'a__map', source 'reports': missing required field 'handler'");
    }

    @Test
    void shouldRejectATypeOtherThanMapOrReduce() {
        assertThat(problems("a__map:\n  orgs: {type: 1, version: 1, handler: item(id)}\n")).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': type must be 'map' or 'reduce', found integer 1");
    }

    @Test
    void shouldRejectAVersionThatIsNotAPositiveIntegerOrAuto() {
        assertThat(problems("""
                a__map:
                  a: {type: map, version: "x", handler: item(id)}
                  b: {type: map, version: -1, handler: item(id)}
                  c: {type: map, version: 1.5, handler: item(id)}
                  d: {type: map, version: "1", handler: item(id)}
                  e: {type: map, version: 99999999999, handler: item(id)}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'a': version must be a positive integer or 'auto', found string 'x'",
                FILE + ":3: target 'a__map', source 'b': version must be a positive integer or 'auto', found integer -1",
                FILE + ":4: target 'a__map', source 'c': version must be a positive integer or 'auto', found number 1.5",
                FILE + ":5: target 'a__map', source 'd': version must be a positive integer or 'auto', found string '1'",
                FILE + ":6: target 'a__map', source 'e': version must be a positive integer or 'auto', found integer 99999999999");
    }

    @Test
    void shouldRejectAHandlerOfTheWrongValueType() {
        assertThat(problems("""
                a__map:
                  a: {type: map, version: 1, handler: 42}
                  b: {type: map, version: 1, handler: [item, id]}
                  c: {type: map, version: 1, handler: }
                  d: {type: map, version: 1, handler: {item: {key: id}, class: x.Y}}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'a': handler must be a built-in name or a mapping with exactly one key "
                        + "(item, join, expression, class, bean, route), found integer 42",
                FILE + ":3: target 'a__map', source 'b': handler must be a built-in name or a mapping with exactly one key "
                        + "(item, join, expression, class, bean, route), found a sequence",
                FILE + ":4: target 'a__map', source 'c': handler must not be empty",
                FILE + ":5: target 'a__map', source 'd': handler must be a built-in name or a mapping with exactly one key "
                        + "(item, join, expression, class, bean, route), found 2 keys: item, class");
    }

    @Test
    void shouldNameTheUnknownBuiltinAndListTheKnownOnes() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                company_reports:
                  a__map: {type: reduce, version: 1, handler: cont}
                """)).containsExactly(FILE + ":4: target 'company_reports', source 'a__map': unknown built-in 'cont'; "
                + "known: count, sum, min, max, avg, list");
    }

    @Test
    void shouldHintAtQuotingWhenAFlowMappingCutsACallAtItsComma() {
        assertThat(problems("a__map:\n  orgs: {type: map, version: 1, handler: item(org, amount)}\n")).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': 'item(org' looks like a call cut short at a comma; "
                        + "inside {...} quote it, e.g. handler: \"item(key, value)\"",
                FILE + ":2: target 'a__map', source 'orgs': unknown field 'amount)'; allowed: type, version, handler");
    }

    @Test
    void shouldRejectAnUnknownHandlerForm() {
        assertThat(problems("a__map:\n  orgs: {type: map, version: 1, handler: {itme: {key: id}}}\n")).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': unknown handler form 'itme'; known: item, join, expression, "
                        + "class, bean, route, count, sum, min, max, avg, list");
    }

    @Test
    void shouldRejectMapOnlyBuiltinsInAReduce() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                b:
                  a__map: {type: reduce, version: 1, handler: {item: {key: id}}}
                """)).containsExactly(FILE + ":4: target 'b', source 'a__map': 'item' is a map-only built-in; "
                + "it cannot be used in a reduce definition");
    }

    @Test
    void shouldRejectReduceOnlyBuiltinsInAMap() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: sum}
                  reports: {type: map, version: 1, handler: {join: {org: {id: null}}}}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': 'sum' is a reduce-only built-in; it cannot be used in a map definition",
                FILE + ":3: target 'a__map', source 'reports': 'join' is a reduce-only built-in; it cannot be used in a map definition");
    }

    @Test
    void shouldRejectValueAsAHandler() {
        assertThat(problems("a__map:\n  orgs: {type: map, version: 1, handler: value(x)}\n")).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': 'value' reads one field of a map row and is only allowed in the "
                        + "'map:' of a reduce definition (e.g. map: value(amount), handler: sum)");
    }

    @Test
    void shouldRejectAMapThatIsNotAValueSpec() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                sums:
                  a__map: {type: reduce, version: 1, handler: sum, map: item(x)}
                """)).containsExactly(FILE + ":4: target 'sums', source 'a__map': map must be 'value', 'value(FIELD)' or "
                + "{value: {field: FIELD}}, found string 'item(x)'");
    }

    @Test
    void shouldRejectBadItemArguments() {
        assertThat(problems("""
                a__map:
                  a: {type: map, version: 1, handler: item}
                  b: {type: map, version: 1, handler: {item: {value: x}}}
                  c: {type: map, version: 1, handler: {item: {key: id, vaule: x}}}
                  d: {type: map, version: 1, handler: "item(a, b, c)"}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'a': 'item' needs a key field: item(FIELD), item(KEY, VALUE) "
                        + "or {item: {key: KEY, value: VALUE}}",
                FILE + ":3: target 'a__map', source 'b': item needs 'key'",
                FILE + ":4: target 'a__map', source 'c': unknown argument 'vaule' of item; allowed: key, value",
                FILE + ":5: target 'a__map', source 'd': 'item' takes at most 2 argument(s), found 3 in 'item(a, b, c)'");
    }

    @Test
    void shouldRejectBadJoinMappings() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, handler: item(id)}
                b:
                  a__map:
                    type: reduce
                    version: 1
                    handler:
                      join:
                        org: [id]
                        "bad type": {id: 5}
                """)).containsExactly(
                FILE + ":9: target 'b', source 'a__map': join fields of 'org' must be a non-empty mapping "
                        + "{source_field: target_field_or_null}, found a sequence",
                FILE + ":10: target 'b', source 'a__map': join type name 'bad type' is not a valid resource type name; "
                        + "use only letters, digits, '_' and '-'",
                FILE + ":10: target 'b', source 'a__map': join target field for 'bad type.id' must be a field name or null "
                        + "(same name), found integer 5");
    }

    @Test
    void shouldRejectInvalidResourceTypeNames() {
        assertThat(problems("\"a map\":\n  \"or/gs\": {type: map, version: 1, handler: item(id)}\n")).containsExactly(
                FILE + ":1: target 'a map': target name 'a map' is not a valid resource type name; use only letters, digits, '_' and '-'",
                FILE + ":2: target 'a map', source 'or/gs': source name 'or/gs' is not a valid resource type name; "
                        + "use only letters, digits, '_' and '-'");
    }

    @Test
    void shouldRejectDuplicateKeys() {
        assertThat(problems("""
                a__map:
                  orgs: {type: map, version: 1, version: 2, handler: item(id)}
                a__map:
                  reports: {type: map, version: 1, handler: item(id)}
                """)).containsExactly(
                FILE + ":2: target 'a__map', source 'orgs': duplicate field 'version' (first at line 2)",
                FILE + ":3: duplicate target 'a__map' (first at line 1)");
    }

    @Test
    void shouldReportMalformedYamlWithLineColumnAndProblemButNoStackTrace() {
        try {
            new BindingsLoader(HandlerResolver.NONE).parse("a__map:\n  orgs: {type: map\n  reports: x\n", FILE);
            fail("expected a BindingException");
        } catch (BindingException e) {
            assertThat(e.problems()).singleElement().asString()
                    .startsWith(FILE + ":3:10: malformed YAML: ")
                    .contains("while parsing a flow mapping at line 2");
            assertThat(e.getMessage()).doesNotContain("\tat ", "Exception");
        }
        assertThat(problems("a: b: c\n")).containsExactly(FILE + ":1:5: malformed YAML: mapping values are not allowed here");
    }

    @Test
    void shouldNameTheFileAsGivenWhenLoadingFromAPath() {
        Path file = Path.of("src/test/resources/fixtures/bindings/invalid.yaml");
        try {
            new BindingsLoader(HandlerResolver.NONE).load(file);
            fail("expected a BindingException");
        } catch (BindingException e) {
            assertThat(e.getMessage()).startsWith("Invalid handler bindings in " + file + ":\n");
            assertThat(e.problems()).containsExactly(
                    file + ":4: target 'company_reports__map', source 'reports': version must be a positive integer "
                            + "or 'auto', found string 'one'",
                    file + ":9: target 'company_reports', source 'company_reports__map': unknown built-in 'cont'; "
                            + "known: count, sum, min, max, avg, list");
        }
    }

    @Test
    void shouldReportAMissingFile() {
        Path missing = Path.of("src/test/resources/fixtures/bindings/no-such-file.yaml");
        try {
            new BindingsLoader(HandlerResolver.NONE).load(missing);
            fail("expected a BindingException");
        } catch (BindingException e) {
            assertThat(e.problems()).containsExactly(missing + ": file not found");
        }
    }
}
