package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qvarnmr.camel.qvarn.client.Search;

/** Protocol 5.2: the eight operators, value typing, case, NULLs and LIKE wildcards. */
@ExtendWith(ConformanceExtension.class)
class SearchOperatorConformanceTest {

    static Search apply(Search search, String operator, String field, Object value) {
        return switch (operator) {
            case "exact" -> search.exact(field, value);
            case "ne" -> search.ne(field, value);
            case "gt" -> search.gt(field, value);
            case "ge" -> search.ge(field, value);
            case "lt" -> search.lt(field, value);
            case "le" -> search.le(field, value);
            case "startswith" -> search.startswith(field, value);
            case "contains" -> search.contains(field, value);
            default -> throw new IllegalArgumentException(operator);
        };
    }

    /** Creates one resource per body and answers its id by label. */
    private static Map<String, String> createAll(Fixture qvarn, Map<String, String> bodies) {
        Map<String, String> ids = new LinkedHashMap<>();
        bodies.forEach((label, body) -> ids.put(label, qvarn.createId(body)));
        return ids;
    }

    private static List<String> idsOf(Map<String, String> ids, String labels) {
        return labels.isEmpty() ? List.of() : Arrays.stream(labels.split("\\|")).map(ids::get).toList();
    }

    /** Strings compare lower-cased, in text order; a null field never matches, not even {@code ne}. */
    @ParameterizedTest(name = "{0}/name/{1} finds {2}")
    @CsvSource(delimiter = ';', value = {
        "exact;      BETA; Beta",
        "ne;         beta; Alpha|Gamma",
        "gt;         beta; Gamma",
        "ge;         BETA; Beta|Gamma",
        "lt;         Beta; Alpha",
        "le;         beta; Alpha|Beta",
        "startswith; GA;   Gamma",
        "contains;   ET;   Beta",
    })
    void shouldApplyEachOperatorToAStringField(String operator, String value, String expected, Fixture qvarn) {
        Map<String, String> ids = createAll(qvarn, Map.of("Alpha", "{'name': 'Alpha'}", "Beta", "{'name': 'Beta'}",
                "Gamma", "{'name': 'Gamma'}", "null", "{'name': null}"));

        List<String> found = qvarn.ids(apply(qvarn.search(), operator, "name", value));

        assertThat(found).containsExactlyInAnyOrderElementsOf(idsOf(ids, expected));
    }

    /** Integers compare numerically ({@code gt/9} finds 10, which text order would not). */
    @ParameterizedTest(name = "{0}/employees/{1} finds {2}")
    @CsvSource(delimiter = ';', value = {
        "exact; 10; 10",
        "ne;    10; 9|100",
        "gt;    9;  10|100",
        "ge;    10; 10|100",
        "lt;    10; 9",
        "le;    10; 9|10",
    })
    void shouldApplyEachComparisonToAnIntegerField(String operator, String value, String expected, Fixture qvarn) {
        Map<String, String> ids = createAll(qvarn, Map.of("9", "{'employees': 9}", "10", "{'employees': 10}",
                "100", "{'employees': 100}", "null", "{'employees': null}"));

        List<String> found = qvarn.ids(apply(qvarn.search(), operator, "employees", value));

        assertThat(found).containsExactlyInAnyOrderElementsOf(idsOf(ids, expected));
    }

    /** LIKE on an integer column matches its decimal text on SQLite. */
    @Tag("sqlite-backend")
    @ParameterizedTest(name = "{0}/employees/{1} finds {2}")
    @CsvSource(delimiter = ';', value = {
        "startswith; 10; 10|100",
        "contains;   0;  10|100",
    })
    void shouldMatchAnIntegerFieldWithStartswithAndContains(String operator, String value, String expected,
            Fixture qvarn) {
        Map<String, String> ids = createAll(qvarn, Map.of("9", "{'employees': 9}", "10", "{'employees': 10}",
                "100", "{'employees': 100}"));

        List<String> found = qvarn.ids(apply(qvarn.search(), operator, "employees", value));

        assertThat(found).containsExactlyInAnyOrderElementsOf(idsOf(ids, expected));
    }

    /** PostgreSQL has no LIKE for a {@code bigint} column: 500 ({@code operator does not exist}). */
    @Tag("postgres-backend")
    @ParameterizedTest(name = "{0}/employees/{1} answers 500")
    @CsvSource(delimiter = ';', value = {"startswith; 10", "contains; 0"})
    void shouldFailWithA500ForStartswithAndContainsOnAnIntegerField(String operator, String value, Fixture qvarn) {
        qvarn.createId("{'employees': 10}");

        assertThatThrownBy(() -> qvarn.ids(apply(qvarn.search(), operator, "employees", value)))
                .isInstanceOfSatisfying(QvarnException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void shouldMatchStringsCaseInsensitively(Fixture qvarn) {
        String id = qvarn.createId("{'country': 'FI', 'names': ['Acme Oy']}");

        assertThat(qvarn.ids(qvarn.search().exact("country", "fi"))).containsExactly(id);
        assertThat(qvarn.ids(qvarn.search().exact("names", "ACME OY"))).containsExactly(id);
        assertThat(qvarn.client().get(Fixture.ITEMS, id).get("country").textValue()).isEqualTo("FI");
    }

    @Test
    void shouldCastTrueAndFalseInAnyCaseForBooleanFields(Fixture qvarn) {
        String active = qvarn.createId("{'is_active': true}");
        String inactive = qvarn.createId("{'is_active': false}");
        qvarn.createId("{'is_active': null}");

        assertThat(qvarn.ids(qvarn.search().exact("is_active", "TRUE"))).containsExactly(active);
        assertThat(qvarn.ids(qvarn.search().exact("is_active", "False"))).containsExactly(inactive);
        assertThat(qvarn.ids(qvarn.search().exact("is_active", true))).containsExactly(active);
        assertThat(qvarn.ids(qvarn.search().ne("is_active", true))).containsExactly(inactive);
    }

    /** "true" and "false" become booleans, so on SQLite a string field never matches that text. */
    @Tag("sqlite-backend")
    @Test
    void shouldNotFindTheTextTrueInAStringField(Fixture qvarn) {
        qvarn.createId("{'name': 'true', 'names': ['false']}");

        assertThat(qvarn.ids(qvarn.search().exact("name", "true"))).isEmpty();
        assertThat(qvarn.ids(qvarn.search().exact("names", "false"))).isEmpty();
    }

    /** On PostgreSQL comparing a text column with the boolean is an error: 500 ({@code text = boolean}). */
    @Tag("postgres-backend")
    @Test
    void shouldFailWithA500ForTheTextTrueInAStringField(Fixture qvarn) {
        qvarn.createId("{'name': 'true', 'names': ['false']}");

        assertThatThrownBy(() -> qvarn.ids(qvarn.search().exact("name", "true")))
                .isInstanceOfSatisfying(QvarnException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThatThrownBy(() -> qvarn.ids(qvarn.search().exact("names", "false")))
                .isInstanceOfSatisfying(QvarnException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    /**
     * How the worker finds a key or id that reads {@code true}/{@code false} on either backend
     * ({@code ExactText}): {@code startswith} on all but the last letter, then an exact filter of its own.
     */
    @Test
    void shouldFindTheTextTrueInAStringFieldWithStartswithOnEveryBackend(Fixture qvarn) {
        String exact = qvarn.createId("{'name': 'true'}");
        String upper = qvarn.createId("{'name': 'TRUE'}");
        String longer = qvarn.createId("{'name': 'trueish'}");
        qvarn.createId("{'name': 'false'}");
        String inList = qvarn.createId("{'names': ['false']}");

        assertThat(qvarn.ids(qvarn.search().startswith("name", "tru"))).containsExactlyInAnyOrder(exact, upper, longer);
        assertThat(qvarn.ids(qvarn.search().startswith("names", "fals"))).containsExactly(inList);
    }

    @Test
    void shouldNeverMatchANullField(Fixture qvarn) {
        String finnish = qvarn.createId("{'country': 'FI'}");
        String swedish = qvarn.createId("{'country': 'SE'}");
        qvarn.createId("{'country': null}");

        assertThat(qvarn.ids(qvarn.search().ne("country", "fi"))).containsExactly(swedish);
        assertThat(qvarn.ids(qvarn.search().lt("country", "zz"))).containsExactlyInAnyOrder(finnish, swedish);
        assertThat(qvarn.ids(qvarn.search().contains("country", "%"))).containsExactlyInAnyOrder(finnish, swedish);
    }

    @Test
    void shouldNeverMatchAnEmptyList(Fixture qvarn) {
        String named = qvarn.createId("{'names': ['a']}");
        qvarn.createId("{'names': []}");

        assertThat(qvarn.ids(qvarn.search().ne("names", "b"))).containsExactly(named);
    }

    /** LIKE wildcards in a value are not escaped. */
    @Test
    void shouldTreatPercentAsAWildcard(Fixture qvarn) {
        String plain = qvarn.createId("{'name': 'Acme'}");
        String percent = qvarn.createId("{'name': '100% Acme'}");

        assertThat(qvarn.ids(qvarn.search().contains("name", "%"))).containsExactlyInAnyOrder(plain, percent);
        assertThat(qvarn.ids(qvarn.search().startswith("name", "1%a"))).containsExactly(percent);
    }

    @Test
    void shouldTreatUnderscoreAsAWildcard(Fixture qvarn) {
        String axb = qvarn.createId("{'name': 'Axb'}");
        String underscore = qvarn.createId("{'name': 'A_c'}");
        qvarn.createId("{'name': 'A'}");

        assertThat(qvarn.ids(qvarn.search().startswith("name", "a_"))).containsExactlyInAnyOrder(axb, underscore);
        assertThat(qvarn.ids(qvarn.search().contains("name", "_b"))).containsExactly(axb);
    }

    /** Only startswith and contains are LIKE; exact compares for equality. */
    @Test
    void shouldMatchWildcardCharactersLiterallyWithExact(Fixture qvarn) {
        String underscore = qvarn.createId("{'name': 'a_c'}");
        qvarn.createId("{'name': 'abc'}");

        assertThat(qvarn.ids(qvarn.search().exact("name", "a_c"))).containsExactly(underscore);
    }
}
