package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.Search;

/** Protocol 5.3 and 5.4: result shapes (show, show_all), sort, limit and offset. */
@ExtendWith(ConformanceExtension.class)
class SearchResultConformanceTest {

    @Test
    void shouldAnswerOnlyIdsWithoutShow(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a'}");

        List<ObjectNode> found = qvarn.client().search(qvarn.search());

        assertThat(found).containsExactly(json("{'id': '" + id + "'}"));
    }

    @Test
    void shouldShowTheNamedTopLevelFieldsWithListsWhole(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a', 'country': 'FI', 'names': ['x', 'y']}");

        List<ObjectNode> found = qvarn.client().search(qvarn.search().show("name").show("names"));

        assertThat(found).containsExactly(json("{'id': '" + id + "', 'name': 'a', 'names': ['x', 'y']}"));
    }

    @Test
    void shouldIgnoreShowOfAnUnknownField(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a'}");

        List<ObjectNode> found = qvarn.client().search(qvarn.search().show("no_such_field"));

        assertThat(found).containsExactly(json("{'id': '" + id + "'}"));
    }

    @Test
    void shouldNotShowSubresourceOrNestedFields(Fixture qvarn) {
        String id = qvarn.createId("{'gov_org_ids': [{'gov_org_id': '1'}]}");

        List<ObjectNode> found = qvarn.client().search(qvarn.search().show("sync_revision").show("gov_org_id"));

        assertThat(found).containsExactly(json("{'id': '" + id + "'}"));
    }

    @Test
    void shouldShowWholeResourcesWithShowAll(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a', 'gov_org_ids': [{'gov_org_id': '1', 'tags': ['t']}]}");

        List<ObjectNode> found = qvarn.client().search(qvarn.search().showAll());

        assertThat(found).containsExactly(qvarn.client().get(ITEMS, id));
    }

    @Test
    void shouldLetShowAllWinOverShow(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a', 'country': 'FI'}");

        List<ObjectNode> found = qvarn.client().search(qvarn.search().show("name").showAll());

        assertThat(found).containsExactly(qvarn.client().get(ITEMS, id));
    }

    @Test
    void shouldSortAscending(Fixture qvarn) {
        String b = qvarn.createId("{'name': 'beta'}");
        String c = qvarn.createId("{'name': 'gamma'}");
        String a = qvarn.createId("{'name': 'alpha'}");

        assertThat(qvarn.ids(qvarn.search().sort("name"))).containsExactly(a, b, c);
    }

    @Test
    void shouldSortIntegersNumerically(Fixture qvarn) {
        String hundred = qvarn.createId("{'employees': 100}");
        String nine = qvarn.createId("{'employees': 9}");
        String ten = qvarn.createId("{'employees': 10}");

        assertThat(qvarn.ids(qvarn.search().sort("employees"))).containsExactly(nine, ten, hundred);
    }

    /** SQLite puts NULLs (and empty lists) first; PostgreSQL puts them last. */
    @Tag("sqlite-backend")
    @Test
    void shouldSortNullsFirst(Fixture qvarn) {
        String b = qvarn.createId("{'name': 'b', 'names': ['b']}");
        String none = qvarn.createId("{'name': null, 'names': []}");
        String a = qvarn.createId("{'name': 'a', 'names': ['a']}");

        assertThat(qvarn.ids(qvarn.search().sort("name"))).containsExactly(none, a, b);
        assertThat(qvarn.ids(qvarn.search().sort("names"))).containsExactly(none, a, b);
    }

    /** PostgreSQL puts NULLs (and empty lists) last. */
    @Tag("postgres-backend")
    @Test
    void shouldSortNullsLast(Fixture qvarn) {
        String b = qvarn.createId("{'name': 'b', 'names': ['b']}");
        String none = qvarn.createId("{'name': null, 'names': []}");
        String a = qvarn.createId("{'name': 'a', 'names': ['a']}");

        assertThat(qvarn.ids(qvarn.search().sort("name"))).containsExactly(a, b, none);
        assertThat(qvarn.ids(qvarn.search().sort("names"))).containsExactly(a, b, none);
    }

    /** The raw value, not lower-cased: on SQLite's binary collation upper case sorts first. */
    @Tag("sqlite-backend")
    @Test
    void shouldSortByTheRawValueNotLowerCased(Fixture qvarn) {
        String lower = qvarn.createId("{'country': 'fi'}");
        String se = qvarn.createId("{'country': 'SE'}");
        String fi = qvarn.createId("{'country': 'FI'}");

        assertThat(qvarn.ids(qvarn.search().sort("country"))).containsExactly(fi, se, lower);
    }

    @Test
    void shouldSortAListByItsFirstElement(Fixture qvarn) {
        String c = qvarn.createId("{'names': ['c', 'a']}");
        String b = qvarn.createId("{'names': ['b', 'z']}");

        assertThat(qvarn.ids(qvarn.search().sort("names"))).containsExactly(b, c);
    }

    /** A leaf name in several tables sorts by the first in schema order: the type's own field. */
    @Test
    void shouldSortByTheTopLevelFieldOfALeafNameUsedTwice(Fixture qvarn) {
        String b = qvarn.createId("{'country': 'b', 'gov_org_ids': [{'country': 'a'}]}");
        String a = qvarn.createId("{'country': 'a', 'gov_org_ids': [{'country': 'z'}]}");

        assertThat(qvarn.ids(qvarn.search().sort("country"))).containsExactly(a, b);
    }

    @Test
    void shouldSortByTheKeysInUrlOrder(Fixture qvarn) {
        String fiB = qvarn.createId("{'country': 'fi', 'name': 'b'}");
        String seA = qvarn.createId("{'country': 'se', 'name': 'a'}");
        String fiA = qvarn.createId("{'country': 'fi', 'name': 'a'}");

        assertThat(qvarn.ids(qvarn.search().sort("country").sort("name"))).containsExactly(fiA, fiB, seA);
        assertThat(qvarn.ids(qvarn.search().sort("name").sort("country"))).containsExactly(fiA, seA, fiB);
    }

    @Test
    void shouldApplyOffsetBeforeLimit(Fixture qvarn) {
        qvarn.createId("{'name': 'a'}");
        String b = qvarn.createId("{'name': 'b'}");
        String c = qvarn.createId("{'name': 'c'}");
        qvarn.createId("{'name': 'd'}");

        assertThat(qvarn.ids(qvarn.search().sort("name").offset(1).limit(2))).containsExactly(b, c);
        assertThat(qvarn.ids(qvarn.search().limit(2).sort("name").offset(1))).containsExactly(b, c);
    }

    @Test
    void shouldAnswerNothingBeyondTheLastResult(Fixture qvarn) {
        qvarn.createId("{'name': 'a'}");

        assertThat(qvarn.ids(qvarn.search().sort("name").offset(5))).isEmpty();
        assertThat(qvarn.ids(qvarn.search().sort("name").limit(0))).isEmpty();
    }

    @Test
    void shouldRefuseALimitWithoutSort(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.ids(qvarn.search().limit(1)));

        assertThat(e.errorCode()).isEqualTo("LimitWithoutSortError");
    }

    @Test
    void shouldRefuseAnOffsetWithoutSort(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.ids(qvarn.search().offset(1)));

        assertThat(e.errorCode()).isEqualTo("LimitWithoutSortError");
    }

    @Test
    void shouldAcceptClausesInAnyOrder(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a'}");

        List<ObjectNode> found = qvarn.client().search(
                Search.on(ITEMS).showAll().sort("name").exact("tag", qvarn.tag()).exact("name", "a"));

        assertThat(found).extracting(r -> r.get("id").textValue()).containsExactly(id);
    }

    @Test
    void shouldAnswerEveryResourceToASearchWithoutConditions(Fixture qvarn) {
        String first = qvarn.createId("{}");
        String second = qvarn.createId("{}");

        assertThat(qvarn.ids(Search.on(ITEMS).showAll())).contains(first, second);
        assertThat(qvarn.ids(Search.on(ITEMS).sort("name"))).contains(first, second);
    }
}
