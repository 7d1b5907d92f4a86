package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;
import static org.qvarnmr.camel.conformance.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Protocol 5.2: fields by leaf name wherever they are, OR across places, AND across conditions. */
@ExtendWith(ConformanceExtension.class)
class SearchMatchingConformanceTest {

    @Test
    void shouldMatchAnyElementOfAStringList(Fixture qvarn) {
        String id = qvarn.createId("{'names': ['first', 'second']}");
        qvarn.createId("{'names': ['third']}");

        assertThat(qvarn.ids(qvarn.search().exact("names", "second"))).containsExactly(id);
    }

    /** Any element: {@code ne} holds when one element differs, even if another is equal. */
    @Test
    void shouldMatchNeWhenAnyListElementDiffers(Fixture qvarn) {
        String mixed = qvarn.createId("{'names': ['a', 'b']}");
        qvarn.createId("{'names': ['a']}");

        assertThat(qvarn.ids(qvarn.search().ne("names", "a"))).containsExactly(mixed);
    }

    @Test
    void shouldMatchAFieldOfADictListByItsLeafName(Fixture qvarn) {
        String id = qvarn.createId("{'gov_org_ids': [{'gov_org_id': '111'}, {'gov_org_id': '222'}]}");
        qvarn.createId("{'gov_org_ids': [{'gov_org_id': '333'}]}");

        assertThat(qvarn.ids(qvarn.search().exact("gov_org_id", "222"))).containsExactly(id);
    }

    @Test
    void shouldMatchAStringListInsideADictList(Fixture qvarn) {
        String id = qvarn.createId("{'gov_org_ids': [{'tags': ['red', 'blue']}]}");
        qvarn.createId("{'gov_org_ids': [{'tags': ['green']}]}");

        assertThat(qvarn.ids(qvarn.search().exact("tags", "blue"))).containsExactly(id);
    }

    @Test
    void shouldMatchFieldsOfANestedDictList(Fixture qvarn) {
        String id = qvarn.createId("{'gov_org_ids': [{'contacts': [{'email': 'a@example.com', 'rank': 7}]}]}");
        qvarn.createId("{'gov_org_ids': [{'contacts': [{'email': 'b@example.com', 'rank': 2}]}]}");

        assertThat(qvarn.ids(qvarn.search().exact("email", "A@EXAMPLE.COM"))).containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().gt("rank", 5))).containsExactly(id);
    }

    @Test
    void shouldMatchFieldsOfASubresource(Fixture qvarn) {
        String id = qvarn.createId("{}");
        String other = qvarn.createId("{}");
        qvarn.client().putSubresource(ITEMS, id, "sync",
                json("{'sync_revision': 'R1', 'sync_count': 12, 'sync_sources': [{'sync_source': 'crm'}]}"));
        qvarn.client().putSubresource(ITEMS, other, "sync", json("{'sync_revision': 'R2', 'sync_count': 1}"));

        assertThat(qvarn.ids(qvarn.search().exact("sync_revision", "r1"))).containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().ge("sync_count", 10))).containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().exact("sync_source", "CRM"))).containsExactly(id);
    }

    /** A fresh subresource holds its prototype's values, and they are searchable. */
    @Test
    void shouldMatchTheInitialValuesOfASubresource(Fixture qvarn) {
        String fresh = qvarn.createId("{}");
        String written = qvarn.createId("{}");
        qvarn.client().putSubresource(ITEMS, written, "sync", json("{'sync_count': 5, 'sync_flag': true}"));

        assertThat(qvarn.ids(qvarn.search().exact("sync_count", 0))).containsExactly(fresh);
        assertThat(qvarn.ids(qvarn.search().exact("sync_flag", false))).containsExactly(fresh);
    }

    @Test
    void shouldMatchEitherPlaceOfALeafNameUsedTwice(Fixture qvarn) {
        String top = qvarn.createId("{'country': 'SE'}");
        String nested = qvarn.createId("{'country': 'FI', 'gov_org_ids': [{'country': 'SE'}]}");
        qvarn.createId("{'country': 'NO', 'gov_org_ids': [{'country': 'DK'}]}");

        assertThat(qvarn.ids(qvarn.search().exact("country", "se"))).containsExactlyInAnyOrder(top, nested);
    }

    @Test
    void shouldLetEachConditionMatchADifferentListElement(Fixture qvarn) {
        String id = qvarn.createId("{'gov_org_ids': [{'country': 'FI', 'gov_org_id': '1'},"
                + " {'country': 'SE', 'gov_org_id': '2'}]}");

        assertThat(qvarn.ids(qvarn.search().exact("country", "SE").exact("gov_org_id", "1"))).containsExactly(id);
    }

    @Test
    void shouldRequireEveryCondition(Fixture qvarn) {
        qvarn.createId("{'name': 'a', 'country': 'FI'}");
        String both = qvarn.createId("{'name': 'a', 'country': 'SE'}");
        qvarn.createId("{'name': 'b', 'country': 'SE'}");

        assertThat(qvarn.ids(qvarn.search().exact("name", "a").exact("country", "se"))).containsExactly(both);
    }

    @Test
    void shouldRequireEveryValueOfARepeatedField(Fixture qvarn) {
        String both = qvarn.createId("{'names': ['a', 'b']}");
        qvarn.createId("{'names': ['a']}");
        qvarn.createId("{'names': ['b']}");

        assertThat(qvarn.ids(qvarn.search().exact("names", "a").exact("names", "b"))).containsExactly(both);
    }

    @Test
    void shouldAnswerEachResourceOnceWhenSeveralElementsMatch(Fixture qvarn) {
        String id = qvarn.createId("{'names': ['ab', 'abc', 'abcd'], 'gov_org_ids': [{'country': 'ab'}]}");

        assertThat(qvarn.ids(qvarn.search().startswith("names", "ab"))).containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().contains("country", "a"))).containsExactly(id);
    }

    @Test
    void shouldSearchTheIdTypeAndRevisionFields(Fixture qvarn) {
        ObjectNode created = qvarn.create("{}");
        String id = created.get("id").textValue();
        qvarn.createId("{}");

        assertThat(qvarn.ids(qvarn.search().exact("id", id))).containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().exact("revision", created.get("revision").textValue())))
                .containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().exact("type", ITEM_TYPE))).hasSize(2).contains(id);
    }
}
