package org.qvarnmr.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.Search;

/** A search written in Qvarn 0.82's URL grammar, read into the client's Search. */
class SearchTextTest {
    @Test
    void shouldReadEveryClauseOfTheGrammar() {
        assertThat(SearchText.parse("orgs", "/search/exact/country/FI/ne/a/1/gt/b/2/ge/c/3/lt/d/4/le/e/5"
                + "/startswith/names/Ac/contains/names/m%2Fe/show/names/show_all/sort/names/limit/10/offset/20"))
                .isEqualTo(Search.on("orgs").exact("country", "FI").ne("a", "1").gt("b", "2").ge("c", "3")
                        .lt("d", "4").le("e", "5").startswith("names", "Ac").contains("names", "m/e").show("names")
                        .showAll().sort("names").limit(10).offset(20));
    }

    @Test
    void shouldNameWhatItCannotRead() {
        assertThatThrownBy(() -> SearchText.parse("orgs", "exact/country")).hasMessage(
                "search 'exact/country': 'country' lacks a value after it");
        assertThatThrownBy(() -> SearchText.parse("orgs", "equals/country/FI")).hasMessage("search 'equals/country/FI': "
                + "unknown word 'equals' (expected one of exact, ne, gt, ge, lt, le, startswith, contains, show, "
                + "show_all, sort, limit, offset)");
        assertThatThrownBy(() -> SearchText.parse("orgs", "sort/id/limit/ten")).hasMessage(
                "search 'sort/id/limit/ten': 'ten' is not a whole number");
        assertThatThrownBy(() -> SearchText.parse("orgs", " ")).hasMessage(
                "qvarn:orgs search is empty: give one in the search option or the QvarnSearch header, e.g. "
                        + "exact/name/Acme/show_all");
    }
}
