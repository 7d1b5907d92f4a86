package org.qvarnmr.camel.qvarn.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index finds what the scan finds in the cases section 5.2 makes tricky, and follows every kind of
 * write. Each search is run as served and as the plain scan, and the index's candidates must hold every hit.
 */
class SearchIndexTest {
    private IndexedThings things;

    @BeforeEach
    void fill() {
        things = new IndexedThings();
        // others around, so that a selective search is served from the index rather than a scan
        for (int i = 0; i < 40; i++) {
            things.create("{\"name\": \"filler " + i + "\", \"country\": \"DK\", \"names\": [\"f\"]}");
        }
    }

    /** Served search = scan = {@code expected}, and the index bounded the search by a superset of it. */
    private void assertFinds(String criteria, String... expected) {
        assertThat(things.search(criteria)).as(criteria).containsExactly(expected);
        assertThat(things.scan(criteria)).as(criteria).containsExactly(expected);
        assertThat(things.candidates(criteria)).as(criteria).isNotNull().contains(expected);
    }

    @Test
    void shouldFindStringsWhateverTheirCase() {
        String id = things.create("{\"name\": \"Alpha\", \"country\": \"FI\"}");

        assertFinds("exact/name/ALPHA", id);
        assertFinds("exact/country/fi", id);
        assertFinds("startswith/name/AL", id);
        assertFinds("gt/name/ALP/lt/name/alq", id);
    }

    @Test
    void shouldFindAnyElementOfAStringList() {
        String top = things.create("{\"names\": [\"First\", \"second\"]}");
        String nested = things.create("{\"gov_org_ids\": [{\"tags\": [\"red\", \"Second\"]}]}");

        assertFinds("exact/names/SECOND", top);
        assertFinds("exact/tags/second", nested);
    }

    @Test
    void shouldLetEachConditionOnAListMeetADifferentElement() {
        String both = things.create("{\"names\": [\"a\", \"b\"]}");
        things.create("{\"names\": [\"a\"]}");

        assertFinds("exact/names/a/exact/names/b", both);
        assertFinds("lt/names/b/gt/names/a", both);
    }

    @Test
    void shouldFindEveryPlaceOfOneLeafName() {
        String nested = things.create("{\"country\": \"FI\", \"gov_org_ids\": [{\"country\": \"SE\"}, {\"country\": \"NO\"}]}");
        String top = things.create("{\"country\": \"SE\"}");

        assertFinds("exact/country/se", nested, top);
        assertFinds("exact/country/no", nested);
        assertFinds("exact/country/se/exact/country/fi", nested);
    }

    @Test
    void shouldFollowAReplaceThatChangesAValue() {
        String id = things.create("{\"name\": \"Alpha\", \"country\": \"FI\"}");

        things.replace(id, "{\"name\": \"Beta\", \"country\": \"fi\"}");

        assertFinds("exact/name/alpha");
        assertFinds("exact/name/beta", id);
        assertFinds("exact/country/FI", id);
    }

    @Test
    void shouldKeepTheListValuesAReplaceKeeps() {
        String id = things.create("{\"names\": [\"a\", \"b\", \"b\"]}");

        things.replace(id, "{\"names\": [\"B\", \"c\"]}");

        assertFinds("exact/names/a");
        assertFinds("exact/names/b", id);
        assertFinds("exact/names/c", id);
    }

    @Test
    void shouldForgetValuesAReplaceLeavesOut() {
        String id = things.create("{\"name\": \"Alpha\", \"names\": [\"x\"], \"gov_org_ids\": [{\"country\": \"SE\"}]}");

        things.replace(id, "{\"names\": []}");

        assertFinds("exact/name/alpha");
        assertFinds("exact/names/x");
        assertFinds("exact/country/se");
    }

    @Test
    void shouldForgetADeletedResource() {
        String id = things.create("{\"name\": \"Alpha\"}");
        String other = things.create("{\"name\": \"alpha\"}");

        things.delete(id);

        assertFinds("exact/name/alpha", other);
    }

    @Test
    void shouldFollowASubresourcePut() {
        String id = things.create("{\"name\": \"Alpha\"}");
        List<String> fresh = things.search("exact/sync_revision/");
        assertThat(fresh).hasSize(41).contains(id);

        things.replaceSubresource(id, "sync",
                "{\"sync_revision\": \"R1\", \"sync_sources\": [{\"sync_id\": \"S1\", \"sync_source\": \"x\"}]}");

        assertFinds("exact/sync_revision/r1", id);
        assertFinds("exact/sync_id/s1", id);
        List<String> stillFresh = new ArrayList<>(fresh);
        stillFresh.remove(id);
        assertFinds("exact/sync_revision/", stillFresh.toArray(String[]::new));

        // a PUT of the main resource keeps its subresources, and so their index entries
        things.replace(id, "{\"name\": \"Beta\"}");
        assertFinds("exact/sync_id/S1", id);
    }

    @Test
    void shouldFindNoStringForTrueOrFalse() {
        things.create("{\"name\": \"true\"}");

        assertFinds("exact/name/true");
        assertFinds("startswith/name/TRUE");
    }

    @Test
    void shouldTreatLikeWildcardsAsTheScanDoes() {
        String abc = things.create("{\"name\": \"abc\"}");
        String axc = things.create("{\"name\": \"AXC\"}");

        assertFinds("startswith/name/a_c", abc, axc);
        assertFinds("startswith/name/a%25c", abc, axc);
        assertThat(things.search("startswith/name/%25bc")).containsExactly(abc);
    }

    @Test
    void shouldNotIndexFieldsThatAreNotStringsEverywhere() {
        String id = things.create("{\"employees\": 7, \"gov_org_ids\": [{\"contacts\": [{\"rank\": 7}]}]}");

        assertThat(things.search("exact/employees/7")).containsExactly(id);
        assertThat(things.candidates("exact/employees/7")).isNull();
        assertThat(things.candidates("exact/rank/7")).isNull();
    }

    @Test
    void shouldPageInIdOrderAsTheSortedScanDoes() {
        for (int i = 0; i < 30; i++) {
            things.create("{\"name\": \"page\", \"country\": \"" + (i % 3 == 0 ? "FI" : "SE") + "\"}");
        }
        List<String> all = things.scan("sort/id");
        String middle = all.get(all.size() / 2);

        for (String criteria : List.of("sort/id/limit/7", "sort/id/limit/7/offset/5", "gt/id/" + middle + "/sort/id/limit/7",
                "ge/id/" + middle.toUpperCase() + "/sort/id/sort/name/limit/7", "exact/country/fi/sort/id/limit/4/offset/2",
                "gt/id/" + middle + "/exact/name/page/sort/id/limit/1000", "lt/id/" + middle + "/sort/id/limit/3")) {
            assertThat(things.search(criteria)).as(criteria).isEqualTo(things.scan(criteria)).isNotEmpty();
        }
    }
}
