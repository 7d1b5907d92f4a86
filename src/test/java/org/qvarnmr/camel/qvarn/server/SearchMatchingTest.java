package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The 0.82 matching rules of section 5.2. */
class SearchMatchingTest extends ThingsServerTest {
    private String create(String json) {
        Reply created = http.post("/things", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    private List<String> search(String criteria) {
        Reply reply = http.get("/things/search/" + criteria);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.ids();
    }

    @Test
    void shouldMatchStringsCaseInsensitively() {
        String id = create("{\"name\": \"Alpha\", \"country\": \"FI\"}");

        assertThat(search("exact/country/fi")).containsExactly(id);
        assertThat(search("exact/name/ALPHA")).containsExactly(id);
    }

    @Test
    void shouldMatchALeafNameInsideADictList() {
        String id = create("{\"gov_org_ids\": [{\"gov_org_id\": \"123\"}]}");
        create("{\"gov_org_ids\": [{\"gov_org_id\": \"456\"}]}");

        assertThat(search("exact/gov_org_id/123")).containsExactly(id);
    }

    @Test
    void shouldMatchAnyPlaceWithTheSameLeafName() {
        String nested = create("{\"country\": \"FI\", \"gov_org_ids\": [{\"country\": \"SE\"}]}");
        String top = create("{\"country\": \"SE\"}");
        create("{\"country\": \"NO\"}");

        assertThat(search("exact/country/se")).containsExactlyInAnyOrder(nested, top);
    }

    @Test
    void shouldMatchAnyElementOfAStringList() {
        String id = create("{\"names\": [\"first\", \"second\"]}");

        assertThat(search("exact/names/second")).containsExactly(id);
    }

    @Test
    void shouldMatchFieldsOfANestedDictList() {
        String id = create("{\"gov_org_ids\": [{\"contacts\": [{\"email\": \"a@b.fi\", \"rank\": 7}]}]}");

        assertThat(search("exact/email/A@B.FI")).containsExactly(id);
        assertThat(search("gt/rank/3")).containsExactly(id);
    }

    @Test
    void shouldMatchAStringListInsideADictList() {
        String id = create("{\"gov_org_ids\": [{\"tags\": [\"red\", \"blue\"]}]}");

        assertThat(search("exact/tags/blue")).containsExactly(id);
    }

    @Test
    void shouldLetEachConditionMatchADifferentListElement() {
        String id = create("{\"gov_org_ids\": [{\"country\": \"FI\", \"gov_org_id\": \"1\"},"
                + " {\"country\": \"SE\", \"gov_org_id\": \"2\"}]}");

        assertThat(search("exact/country/SE/exact/gov_org_id/1")).containsExactly(id);
    }

    @Test
    void shouldRequireEveryConditionToHold() {
        create("{\"name\": \"a\", \"country\": \"FI\"}");
        String both = create("{\"name\": \"a\", \"country\": \"SE\"}");

        assertThat(search("exact/name/a/exact/country/se")).containsExactly(both);
    }

    @Test
    void shouldRequireBothValuesOfARepeatedField() {
        String both = create("{\"names\": [\"a\", \"b\"]}");
        create("{\"names\": [\"a\"]}");

        assertThat(search("exact/names/a/exact/names/b")).containsExactly(both);
    }

    @Test
    void shouldCompareIntegerFieldsNumerically() {
        String ten = create("{\"employees\": 10}");
        create("{\"employees\": 9}");

        assertThat(search("gt/employees/9")).containsExactly(ten);
        assertThat(search("exact/employees/10.0")).containsExactly(ten);
    }

    @Test
    void shouldNotMatchAnIntegerFieldWithANonNumericValue() {
        create("{\"employees\": 10}");

        assertThat(search("exact/employees/ten")).isEmpty();
        assertThat(search("ne/employees/ten")).isEmpty();
    }

    @Test
    void shouldSearchBooleansWithTrueAndFalseInAnyCase() {
        String active = create("{\"is_active\": true}");
        String inactive = create("{\"is_active\": false}");

        assertThat(search("exact/is_active/TRUE")).containsExactly(active);
        assertThat(search("exact/is_active/false")).containsExactly(inactive);
    }

    @Test
    void shouldNotFindTheTextTrueInAStringField() {
        create("{\"name\": \"true\"}");

        assertThat(search("exact/name/true")).isEmpty();
    }

    @Test
    void shouldNeverMatchNullWithAnyOperator() {
        create("{}");

        for (String op : List.of("exact", "ne", "gt", "ge", "lt", "le", "startswith", "contains")) {
            assertThat(search(op + "/country/x")).as(op).isEmpty();
            assertThat(search(op + "/employees/1")).as(op).isEmpty();
        }
    }

    @Test
    void shouldNeverMatchAnEmptyList() {
        create("{\"names\": []}");

        assertThat(search("ne/names/x")).isEmpty();
    }

    @Test
    void shouldTreatPercentAsAWildcard() {
        String named = create("{\"name\": \"Acme\"}");
        create("{}");

        assertThat(search("contains/name/%25")).containsExactly(named);
        assertThat(search("startswith/name/a%25e")).containsExactly(named);
    }

    @Test
    void shouldTreatUnderscoreAsAWildcard() {
        String id = create("{\"name\": \"Axb\"}");

        assertThat(search("startswith/name/a_")).containsExactly(id);
        assertThat(search("contains/name/x_")).containsExactly(id);
        assertThat(search("startswith/name/b_")).isEmpty();
    }

    @Test
    void shouldSearchSubresourceFields() {
        Reply created = http.post("/things", "{}");
        String untouched = create("{}");

        http.put("/things/" + created.id() + "/sync", "{\"revision\": \"" + created.revision()
                + "\", \"sync_revision\": \"r1\", \"sync_sources\": [{\"sync_id\": \"x1\"}]}");

        assertThat(search("exact/sync_revision/r1")).containsExactly(created.id());
        assertThat(search("exact/sync_id/x1")).containsExactly(created.id());
        assertThat(search("exact/sync_revision/")).containsExactly(untouched);
    }

    @Test
    void shouldSearchIdTypeAndRevision() {
        Reply created = http.post("/things", "{}");

        assertThat(search("exact/id/" + created.id())).containsExactly(created.id());
        assertThat(search("exact/revision/" + created.revision())).containsExactly(created.id());
        assertThat(search("exact/type/thing")).containsExactly(created.id());
    }

    @Test
    void shouldPercentDecodeEachPieceWithoutTurningPlusIntoSpace() {
        String slash = create("{\"name\": \"a/b\"}");
        String plus = create("{\"name\": \"a+b\"}");
        String space = create("{\"name\": \"a b\"}");
        String umlaut = create("{\"name\": \"Ypäjä\"}");

        assertThat(search("exact/name/a%2Fb")).containsExactly(slash);
        assertThat(search("exact/name/a+b")).containsExactly(plus);
        assertThat(search("exact/name/a%20b")).containsExactly(space);
        assertThat(search("exact/name/Yp%C3%A4j%C3%A4")).containsExactly(umlaut);
        assertThat(search("exact/name/yp%c3%a4j%c3%a4")).containsExactly(umlaut);
    }

    @Test
    void shouldKeepAQueryStringInsideTheLastValue() {
        create("{\"country\": \"FI\"}");

        assertThat(search("exact/country/FI?x=1")).isEmpty();
    }

    @Test
    void shouldAnswerFieldNotInResourceForAnUnknownName() {
        Reply reply = http.get("/things/search/exact/colour/red");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("FieldNotInResource");
        assertThat(reply.json().path("field").asText()).isEqualTo("colour");
    }

    @Test
    void shouldAnswerBadSearchConditionForAnUnencodedSlash() {
        Reply reply = http.get("/things/search/exact/name/a/b");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadSearchCondition");
    }

    @Test
    void shouldAnswerBadSearchConditionForATrailingSlash() {
        assertThat(http.get("/things/search/exact/country/FI/").errorCode()).isEqualTo("BadSearchCondition");
    }

    @Test
    void shouldAnswerHtml404ForAnEmptySearch() {
        Reply reply = http.get("/things/search/");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("text/html");
    }
}
