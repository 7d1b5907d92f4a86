package org.qvarnmr.camel.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.handler.builtin.TestInputs.node;
import static org.qvarnmr.camel.handler.builtin.TestInputs.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceInput;

/** join: field copying, overwrite order, batching per source type and gone sources. */
class JoinReducerTest {
    private static final HandlerContext CONTEXT = new HandlerContext(null, "company_reports__map", "company_reports");

    /** Serves stored resources, answers in reverse order and records every call. */
    private static final class FakeFetcher implements SourceFetcher {
        final Map<String, Map<String, ObjectNode>> store = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        FakeFetcher put(String path, String json) {
            ObjectNode resource = object(json);
            store.computeIfAbsent(path, p -> new HashMap<>()).put(resource.get("id").asText(), resource);
            return this;
        }

        @Override
        public List<ObjectNode> fetch(HandlerContext context, String type, List<String> ids) {
            assertThat(context).isSameAs(CONTEXT);
            calls.add(type + ids);
            List<ObjectNode> found = new ArrayList<>();
            ids.forEach(id -> {
                ObjectNode r = store.getOrDefault(type, Map.of()).get(id);
                if (r != null) {
                    found.add(0, r);
                }
            });
            return found;
        }
    }

    private static ObjectNode row(String sourceType, String sourceId) {
        return object("{\"_mr_key\": \"o1\", \"_mr_source_type\": \"" + sourceType + "\", \"_mr_source_id\": \"" + sourceId + "\"}");
    }

    private static ReduceInput rows(ObjectNode... rows) {
        return TestInputs.rows(rows);
    }

    private static Map<String, Map<String, String>> mapping(String type, String... fromTo) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fromTo.length; i += 2) {
            fields.put(fromTo[i], fromTo[i + 1]);
        }
        Map<String, Map<String, String>> mapping = new LinkedHashMap<>();
        mapping.put(type, fields);
        return mapping;
    }

    @Test
    void shouldJoinTheMappedFieldsOfEverySourceIntoOneObject() {
        Map<String, Map<String, String>> mapping = mapping("a", "id", "a_id", "foo", null);
        mapping.putAll(mapping("b", "id", "b_id", "bar", null));
        FakeFetcher fetcher = new FakeFetcher()
                .put("as", "{\"type\": \"a\", \"id\": \"1\", \"foo\": 42, \"other\": 0}")
                .put("bs", "{\"type\": \"b\", \"id\": \"2\", \"bar\": 24}");
        assertThat(new JoinReducer(mapping, fetcher, 500).reduce(rows(row("as", "1"), row("bs", "2")), CONTEXT))
                .isEqualTo(node("{\"a_id\": \"1\", \"foo\": 42, \"b_id\": \"2\", \"bar\": 24}"));
    }

    @Test
    void shouldLetLaterRowsOverwriteEarlierOnes() {
        FakeFetcher fetcher = new FakeFetcher()
                .put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": \"first\"}")
                .put("orgs", "{\"type\": \"org\", \"id\": \"o2\", \"name\": \"second\"}")
                .put("orgs", "{\"type\": \"org\", \"id\": \"o3\", \"name\": \"third\"}");
        JoinReducer join = new JoinReducer(mapping("org", "name", null), fetcher, 500);
        assertThat(join.reduce(rows(row("orgs", "o2"), row("orgs", "o3"), row("orgs", "o1")), CONTEXT))
                .isEqualTo(node("{\"name\": \"first\"}"));
        assertThat(join.reduce(rows(row("orgs", "o1"), row("orgs", "o3")), CONTEXT))
                .isEqualTo(node("{\"name\": \"third\"}"));
    }

    @Test
    void shouldFetchOncePerSourceTypeWithinAChunk() {
        FakeFetcher fetcher = new FakeFetcher()
                .put("orgs", "{\"type\": \"org\", \"id\": \"o1\"}")
                .put("reports", "{\"type\": \"report\", \"id\": \"r1\"}")
                .put("reports", "{\"type\": \"report\", \"id\": \"r2\"}");
        Map<String, Map<String, String>> mapping = mapping("org", "id", "org_id");
        mapping.putAll(mapping("report", "id", "report_id"));
        new JoinReducer(mapping, fetcher, 500).reduce(
                rows(row("reports", "r1"), row("orgs", "o1"), row("reports", "r2"), row("reports", "r1")), CONTEXT);
        assertThat(fetcher.calls).containsExactly("reports[r1, r2]", "orgs[o1]");
    }

    @Test
    void shouldProcessLargeKeysInChunksAndStillOverwriteInRowOrder() {
        FakeFetcher fetcher = new FakeFetcher();
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            fetcher.put("orgs", "{\"type\": \"org\", \"id\": \"o" + i + "\", \"name\": \"n" + i + "\"}");
            rows.add(row("orgs", "o" + i));
        }
        ObjectNode result = (ObjectNode) new JoinReducer(mapping("org", "name", null), fetcher, 2)
                .reduce(rows(rows.toArray(ObjectNode[]::new)), CONTEXT);
        assertThat(fetcher.calls).containsExactly("orgs[o1, o2]", "orgs[o3, o4]", "orgs[o5]");
        assertThat(result).isEqualTo(node("{\"name\": \"n5\"}"));
    }

    @Test
    void shouldSkipSourcesThatAreGone() {
        FakeFetcher fetcher = new FakeFetcher().put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": \"kept\"}");
        assertThat(new JoinReducer(mapping("org", "name", null), fetcher, 500)
                .reduce(rows(row("orgs", "o1"), row("orgs", "gone")), CONTEXT))
                .isEqualTo(node("{\"name\": \"kept\"}"));
    }

    @Test
    void shouldIgnoreSourcesOfUnmappedTypesAndRowsWithoutASource() {
        FakeFetcher fetcher = new FakeFetcher()
                .put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": \"org\"}")
                .put("persons", "{\"type\": \"person\", \"id\": \"p1\", \"name\": \"person\"}");
        assertThat(new JoinReducer(mapping("org", "name", null), fetcher, 500)
                .reduce(rows(row("orgs", "o1"), row("persons", "p1"), object("{\"_mr_key\": \"o1\"}")), CONTEXT))
                .isEqualTo(node("{\"name\": \"org\"}"));
    }

    @Test
    void shouldCopyANullFieldAsNullAndFailOnAMissingOne() {
        FakeFetcher fetcher = new FakeFetcher().put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": null}")
                .put("orgs", "{\"type\": \"org\", \"id\": \"o2\"}");
        JoinReducer join = new JoinReducer(mapping("org", "name", "org_name"), fetcher, 500);
        assertThat(join.reduce(rows(row("orgs", "o1")), CONTEXT)).isEqualTo(node("{\"org_name\": null}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> join.reduce(rows(row("orgs", "o2")), CONTEXT))
                .hasMessage("field 'name' is not in source resource o2 of orgs; it has: id, type; "
                        + "the join lists it under type name 'org'");
    }

    @Test
    void shouldRefuseAJoinNameThatIsThePathOfSourcesOfAnotherTypeInsteadOfCopyingNothing() {
        FakeFetcher fetcher = new FakeFetcher().put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": \"Acme\"}");
        JoinReducer join = new JoinReducer(mapping("orgs", "name", "org_name"), fetcher, 500);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> join.reduce(rows(row("orgs", "o1")), CONTEXT))
                .hasMessage("join name 'orgs' names no source type of 'company_reports__map'; its sources are "
                        + "/orgs (type 'org'); did you mean 'org' (the type of path /orgs)? A join names resource "
                        + "types, not paths")
                .hasToString("join name 'orgs' names no source type of 'company_reports__map'; its sources are "
                        + "/orgs (type 'org'); did you mean 'org' (the type of path /orgs)? A join names resource "
                        + "types, not paths");
    }

    @Test
    void shouldRefuseANameNoSourceHasOnceEverySourceOfTheMapTargetWasRead() {
        FakeFetcher fetcher = new FakeFetcher()
                .put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": \"Acme\"}")
                .put("reports", "{\"type\": \"report\", \"id\": \"r1\"}");
        Map<String, Map<String, String>> mapping = mapping("org", "name", "org_name");
        mapping.putAll(mapping("reprot", "id", "report_id"));
        JoinReducer join = new JoinReducer(mapping, fetcher, 500).readingSources(List.of("orgs", "reports"));

        assertThat(join.reduce(rows(row("orgs", "o1")), CONTEXT))
                .as("the reports' type is not known yet: 'reprot' may be it").isEqualTo(node("{\"org_name\": \"Acme\"}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> join.reduce(rows(row("reports", "r1")), CONTEXT))
                .isInstanceOf(JoinNameException.class)
                .hasMessage("join name 'reprot' names no source type of 'company_reports__map'; its sources are "
                        + "/orgs (type 'org'), /reports (type 'report'); a join names resource types, not paths");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> join.reduce(rows(row("orgs", "o1")), CONTEXT))
                .as("known from now on, whatever the key").isInstanceOf(JoinNameException.class);
    }

    @Test
    void shouldNotRefuseANameWhoseSourceWasNeverReadNorAPathOfTheSameType() {
        FakeFetcher fetcher = new FakeFetcher()
                .put("orgs", "{\"type\": \"org\", \"id\": \"o1\", \"name\": \"Acme\"}")
                .put("data", "{\"type\": \"data\", \"id\": \"d1\", \"v\": 1}");
        Map<String, Map<String, String>> mapping = mapping("org", "name", null);
        mapping.putAll(mapping("report", "id", "report_id"));
        mapping.putAll(mapping("data", "v", null));
        JoinReducer join = new JoinReducer(mapping, fetcher, 500).readingSources(List.of("orgs", "reports", "data"));

        assertThat(join.reduce(rows(row("orgs", "o1"), row("data", "d1"), row("reports", "gone")), CONTEXT))
                .isEqualTo(node("{\"name\": \"Acme\", \"v\": 1}"));
    }

    @Test
    void shouldAnswerAnEmptyObjectForNoRows() {
        assertThat(new JoinReducer(mapping("org", "id", null), new FakeFetcher(), 500).reduce(rows(), CONTEXT))
                .isEqualTo(node("{}"));
    }

    @Test
    void shouldDescribeItselfInMappingOrder() {
        Map<String, Map<String, String>> mapping = mapping("org", "id", "org_id");
        mapping.putAll(mapping("report", "id", "report_id", "title", null));
        assertThat(new JoinReducer(mapping)).hasToString("join({org: {id: org_id}, report: {id: report_id, title: null}})");
    }
}
