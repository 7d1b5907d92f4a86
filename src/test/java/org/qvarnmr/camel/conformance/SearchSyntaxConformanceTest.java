package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;

/**
 * Protocol 5.1 and 5.5: the URL grammar, per-piece percent-decoding, and the search errors. Malformed
 * paths cannot be built with {@code Search}, so those requests are plain HTTP.
 */
@ExtendWith(ConformanceExtension.class)
class SearchSyntaxConformanceTest {

    /** A value and a look-alike that a sloppy encoding would confuse with it. */
    static Stream<Arguments> awkwardValues() {
        return Stream.of(
                Arguments.of("a/b", "a"),
                Arguments.of("a b", "a+b"),
                Arguments.of("a+b", "a b"),
                Arguments.of("100%", "100"),
                Arguments.of("a%2Fb", "a/b"),
                Arguments.of("a?x=1", "a"),
                Arguments.of("a#b", "a"),
                Arguments.of("a;b&c", "a"),
                Arguments.of("Yläjärvi", "Ylajarvi"),
                Arguments.of("東京", "京"),
                Arguments.of("€ 5", "5"));
    }

    private static String named(Fixture qvarn, String name) {
        return qvarn.createIn(ITEMS, qvarn.item("{}").put("name", name)).get("id").textValue();
    }

    private static String rawSearch(Fixture qvarn, String criteria) {
        return "/" + ITEMS + "/search/exact/tag/" + qvarn.tag() + "/" + criteria;
    }

    @ParameterizedTest(name = "exact/name/{0}")
    @MethodSource("awkwardValues")
    void shouldRoundTripAValueThroughTheClientEncoding(String value, String lookAlike, Fixture qvarn) {
        String id = named(qvarn, value);
        named(qvarn, lookAlike);

        assertThat(qvarn.ids(qvarn.search().exact("name", value))).containsExactly(id);
        assertThat(qvarn.client().get(ITEMS, id).get("name").textValue()).isEqualTo(value);
    }

    @Test
    void shouldNotDecodeAPlusAsASpace(Fixture qvarn) {
        String plus = named(qvarn, "a+b");
        named(qvarn, "a b");

        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "exact/name/a+b"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("resources").findValuesAsText("id")).containsExactly(plus);
    }

    @Test
    void shouldDecodeEachPieceOnItsOwn(Fixture qvarn) {
        String id = qvarn.createId("{'name': 'a/b'}");

        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "exact/name/a%2fb"));

        assertThat(reply.json().path("resources").findValuesAsText("id")).containsExactly(id);
    }

    @Test
    void shouldKeepAQueryStringInsideTheLastValue(Fixture qvarn) {
        qvarn.createId("{'country': 'FI'}");

        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "exact/country/FI?x=1"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("resources").isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAnUnencodedSlashInAValue(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "exact/name/a/b"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadSearchCondition");
    }

    @Test
    void shouldRefuseATrailingSlash(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "exact/name/a/"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    }

    /** {@code any} and {@code rsort} came after 0.82. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"any/exact/name/%5B%22a%22%5D", "rsort/name", "equals/name/a"})
    void shouldRefuseAnUnknownWord(String criteria, Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, criteria));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadSearchCondition");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact/name", "exact", "show"})
    void shouldRefuseAClauseMissingItsArguments(String criteria, Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, criteria));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadSearchCondition");
    }

    @Test
    void shouldAnswer404ToAnEmptySearch(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS + "/search/");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isNull();
    }

    @Test
    void shouldRefuseAFieldTheTypeDoesNotHave(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.ids(qvarn.search().exact("colour", "red")));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("FieldNotInResource");
        assertThat(e.errorBody().path("field").asText()).isEqualTo("colour");
    }

    @Test
    void shouldRefuseAFieldOfAnotherType(Fixture qvarn) {
        QvarnBadRequestException e = assertThrows(QvarnBadRequestException.class,
                () -> qvarn.ids(qvarn.search().exact("label", "x")));

        assertThat(e.errorCode()).isEqualTo("FieldNotInResource");
    }

    @Test
    void shouldRefuseALimitThatIsNotANumber(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "sort/name/limit/ten"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadLimitValue");
        assertThat(reply.json().path("error").isTextual()).isTrue();
    }

    @Test
    void shouldRefuseAnOffsetThatIsNotANumber(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get(rawSearch(qvarn, "sort/name/offset/x1"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BadOffsetValue");
        assertThat(reply.json().path("error").isTextual()).isTrue();
    }

    @Test
    void shouldHaveNoSearchRouteForListeners(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS + "/listeners/search/exact/notify_of_new/true");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isNull();
    }
}
