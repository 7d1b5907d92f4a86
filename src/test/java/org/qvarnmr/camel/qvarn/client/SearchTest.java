package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SearchTest {

    /** Tricky values and what Python's {@code urllib.parse.quote(str(v), safe='')} makes of them. */
    static Stream<Arguments> encodedValues() {
        return Stream.of(
                Arguments.of("a/b", "a%2Fb"),
                Arguments.of("Acme Oy", "Acme%20Oy"),
                Arguments.of("a+b", "a%2Bb"),
                Arguments.of("100%", "100%25"),
                Arguments.of("%2F", "%252F"),
                Arguments.of("Ypäjä", "Yp%C3%A4j%C3%A4"),
                Arguments.of("日本", "%E6%97%A5%E6%9C%AC"),
                Arguments.of("smile 😀", "smile%20%F0%9F%98%80"),
                Arguments.of("a?b#c", "a%3Fb%23c"),
                Arguments.of("&=;:@,$'()*!", "%26%3D%3B%3A%40%2C%24%27%28%29%2A%21"),
                Arguments.of("Az09_.-~", "Az09_.-~"),
                Arguments.of("line\nbreak", "line%0Abreak"),
                Arguments.of(true, "true"),
                Arguments.of(false, "false"),
                Arguments.of(42, "42"),
                Arguments.of(-7L, "-7"),
                Arguments.of(12.0d, "12"),
                Arguments.of(2.5d, "2.5"),
                Arguments.of(1.1f, "1.1"),
                Arguments.of(new BigDecimal("1000.50"), "1000.50"),
                Arguments.of(TextNode.valueOf("x y"), "x%20y"),
                Arguments.of(IntNode.valueOf(9), "9"),
                Arguments.of(BooleanNode.TRUE, "true"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("encodedValues")
    void shouldEncodeValuesLikePythonQuoteWithNoSafeCharacters(Object value, String expected) {
        assertThat(Search.on("orgs").exact("name", value).toPath()).isEqualTo("/orgs/search/exact/name/" + expected);
    }

    @Test
    void shouldPutClausesInTheOrderTheyWereAdded() {
        Search search = Search.on("orgs").showAll().exact("country", "FI").ne("a", "b").gt("n", 1).ge("n", 2)
                .lt("n", 3).le("n", 4).startswith("names", "Ac").contains("names", "me").show("names")
                .sort("names").offset(5).limit(10);

        assertThat(search.toPath()).isEqualTo("/orgs/search/show_all/exact/country/FI/ne/a/b/gt/n/1/ge/n/2"
                + "/lt/n/3/le/n/4/startswith/names/Ac/contains/names/me/show/names/sort/names/offset/5/limit/10");
    }

    @Test
    void shouldReturnANewInstanceFromEveryMethod() {
        Search base = Search.on("orgs").exact("country", "FI");

        Search more = base.showAll();

        assertThat(more).isNotSameAs(base);
        assertThat(base.toPath()).isEqualTo("/orgs/search/exact/country/FI");
        assertThat(more.toPath()).isEqualTo("/orgs/search/exact/country/FI/show_all");
    }

    @Test
    void shouldSendFieldNamesAsTheyAre() {
        assertThat(Search.on("orgs").exact("gov_org_id", "x").sort("_mr_key").toPath())
                .isEqualTo("/orgs/search/exact/gov_org_id/x/sort/_mr_key");
    }

    @Test
    void shouldAcceptThePathWithOrWithoutSlashes() {
        assertThat(Search.on("/orgs/").showAll().toPath()).isEqualTo("/orgs/search/show_all");
        assertThat(Search.on("/orgs").path()).isEqualTo("orgs");
    }

    @Test
    void shouldRefuseAnEmptyValueNamingTheField() {
        assertThatThrownBy(() -> Search.on("orgs").exact("sync_revision", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sync_revision");
    }

    @Test
    void shouldRefuseANullValueNamingTheField() {
        assertThatThrownBy(() -> Search.on("orgs").exact("country", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("country");
    }

    @Test
    void shouldRefuseASearchWithoutClauses() {
        assertThatThrownBy(() -> Search.on("orgs").toPath()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAFieldNameWithASlash() {
        assertThatThrownBy(() -> Search.on("orgs").exact("a/b", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseANegativeLimit() {
        assertThatThrownBy(() -> Search.on("orgs").sort("n").limit(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBeEqualWhenPathAndClausesAreEqual() {
        assertThat(Search.on("orgs").exact("a", 1)).isEqualTo(Search.on("orgs").exact("a", "1"))
                .hasSameHashCodeAs(Search.on("orgs").exact("a", "1"));
    }
}
