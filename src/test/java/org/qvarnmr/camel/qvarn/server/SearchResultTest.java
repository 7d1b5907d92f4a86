package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** show, show_all, sort, limit and offset (sections 5.3 and 5.4) and their errors. */
class SearchResultTest extends ThingsServerTest {
    private String create(String json) {
        return http.post("/things", json).id();
    }

    private Reply search(String criteria) {
        Reply reply = http.get("/things/search/" + criteria);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    private Reply rejected(String criteria) {
        Reply reply = http.get("/things/search/" + criteria);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        return reply;
    }

    @Test
    void shouldAnswerOnlyIdsByDefault() {
        String id = create("{\"country\": \"FI\"}");

        assertThat(search("exact/country/fi").json().toString()).isEqualTo("{\"resources\":[{\"id\":\"" + id + "\"}]}");
    }

    @Test
    void shouldShowTheIdAndTheNamedTopLevelFields() {
        String id = create("{\"country\": \"FI\", \"names\": [\"Acme Oy\", \"Acme\"], \"employees\": 3}");

        JsonNode entry = search("show/country/show/names/exact/country/fi").json().path("resources").get(0);

        assertThat(entry.toString()).isEqualTo("{\"id\":\"" + id + "\",\"country\":\"FI\",\"names\":[\"Acme Oy\",\"Acme\"]}");
    }

    @Test
    void shouldIgnoreUnknownAndSubresourceNamesInShow() {
        String id = create("{}");

        JsonNode entry = search("show/colour/show/sync_revision/exact/id/" + id).json().path("resources").get(0);

        assertThat(entry.toString()).isEqualTo("{\"id\":\"" + id + "\"}");
    }

    @Test
    void shouldShowAllLikeGet() {
        String id = create("{\"name\": \"a\", \"employees\": true}");

        JsonNode entry = search("show_all/exact/id/" + id).json().path("resources").get(0);

        assertThat(entry).isEqualTo(http.get("/things/" + id).json());
    }

    @Test
    void shouldPreferShowAllOverShow() {
        String id = create("{\"name\": \"a\"}");

        JsonNode entry = search("show/name/show_all/exact/id/" + id).json().path("resources").get(0);

        assertThat(entry.has("revision")).isTrue();
    }

    @Test
    void shouldReturnEverythingForShowAllAlone() {
        create("{}");
        create("{}");

        assertThat(search("show_all").ids()).hasSize(2);
    }

    @Test
    void shouldReturnEverythingForSortAlone() {
        create("{}");
        create("{}");

        assertThat(search("sort/name").ids()).hasSize(2);
    }

    @Test
    void shouldSortAscendingByRawValueWithNullsFirst() {
        String lowerB = create("{\"name\": \"b\"}");
        String upperA = create("{\"name\": \"A\"}");
        String none = create("{}");
        String lowerA = create("{\"name\": \"a\"}");

        assertThat(search("sort/name").ids()).containsExactly(none, upperA, lowerA, lowerB);
    }

    @Test
    void shouldSortIntegersNumerically() {
        String ten = create("{\"employees\": 10}");
        String two = create("{\"employees\": 2}");

        assertThat(search("sort/employees").ids()).containsExactly(two, ten);
    }

    @Test
    void shouldSortAListByItsFirstElement() {
        String zFirst = create("{\"names\": [\"z\", \"a\"]}");
        String mFirst = create("{\"names\": [\"m\"]}");

        assertThat(search("sort/names").ids()).containsExactly(mFirst, zFirst);
    }

    @Test
    void shouldSortByTheFirstPlaceOfALeafName() {
        String topB = create("{\"country\": \"B\", \"gov_org_ids\": [{\"country\": \"A\"}]}");
        String topA = create("{\"country\": \"A\", \"gov_org_ids\": [{\"country\": \"Z\"}]}");

        assertThat(search("sort/country").ids()).containsExactly(topA, topB);
    }

    @Test
    void shouldSortBySeveralKeysInUrlOrder() {
        String fiB = create("{\"country\": \"FI\", \"name\": \"b\"}");
        String seA = create("{\"country\": \"SE\", \"name\": \"a\"}");
        String fiA = create("{\"country\": \"FI\", \"name\": \"a\"}");

        assertThat(search("sort/country/sort/name").ids()).containsExactly(fiA, fiB, seA);
    }

    @Test
    void shouldApplyOffsetBeforeLimit() {
        List<String> ids = List.of(create("{\"employees\": 1}"), create("{\"employees\": 2}"),
                create("{\"employees\": 3}"), create("{\"employees\": 4}"));

        assertThat(search("sort/employees/limit/2/offset/1").ids()).containsExactly(ids.get(1), ids.get(2));
        assertThat(search("offset/3/sort/employees").ids()).containsExactly(ids.get(3));
        assertThat(search("sort/employees/offset/9").ids()).isEmpty();
        assertThat(search("sort/employees/limit/0").ids()).isEmpty();
    }

    @Test
    void shouldAcceptClausesInAnyOrder() {
        String id = create("{\"country\": \"FI\", \"name\": \"a\"}");

        assertThat(search("exact/country/fi/show/name").json().path("resources").get(0).path("name").asText())
                .isEqualTo("a");
        assertThat(search("show/name/exact/country/fi").ids()).containsExactly(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit/1", "offset/1", "exact/name/a/limit/1"})
    void shouldAnswerLimitWithoutSortError(String criteria) {
        assertThat(rejected(criteria).errorCode()).isEqualTo("LimitWithoutSortError");
    }

    @Test
    void shouldAnswerBadLimitValue() {
        Reply reply = rejected("sort/name/limit/many");

        assertThat(reply.errorCode()).isEqualTo("BadLimitValue");
        assertThat(reply.json().path("error").asText()).contains("many");
        assertThat(rejected("sort/name/limit/-1").errorCode()).isEqualTo("BadLimitValue");
    }

    @Test
    void shouldAnswerBadOffsetValue() {
        assertThat(rejected("sort/name/offset/x").errorCode()).isEqualTo("BadOffsetValue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort", "exact/name/a/sort", "sort/name/limit", "sort/name/offset", "show",
        "exact/name", "exact", "show_all/gt/employees"})
    void shouldAnswerBadSearchConditionForAMissingArgument(String criteria) {
        assertThat(rejected(criteria).errorCode()).isEqualTo("BadSearchCondition");
    }

    @Test
    void shouldAnswerFieldNotInResourceForAnUnknownSortField() {
        Reply reply = rejected("sort/colour");

        assertThat(reply.errorCode()).isEqualTo("FieldNotInResource");
        assertThat(reply.json().path("field").asText()).isEqualTo("colour");
    }

    @Test
    void shouldNotRepeatAResourceThatMatchesSeveralWays() {
        String id = create("{\"country\": \"FI\", \"gov_org_ids\": [{\"country\": \"FI\"}, {\"country\": \"FI\"}]}");

        assertThat(search("exact/country/fi").ids()).containsExactly(id);
    }
}
