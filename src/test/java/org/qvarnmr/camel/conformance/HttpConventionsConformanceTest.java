package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;

/** Protocol 1 (general conventions), 8.1 (error shape) and 9 ({@code /version}). */
@ExtendWith(ConformanceExtension.class)
class HttpConventionsConformanceTest {

    @Test
    void shouldAnswerJsonWithExactlyApplicationJson(Fixture qvarn) {
        String id = qvarn.createId("{}");

        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS + "/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void shouldAnswerErrorsAsJsonWithACodeAndAMessage(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS + "/" + Fixture.unknownId(ITEM_TYPE));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.json().path("error_code").asText()).isEqualTo("ItemDoesNotExist");
        assertThat(reply.json().path("message").isTextual()).isTrue();
    }

    @Test
    void shouldAnswerAnUnknownPathWithAnHtml404(Fixture qvarn) {
        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class,
                () -> qvarn.client().get(ITEMS + "_nowhere", Fixture.unknownId(ITEM_TYPE)));

        assertThat(e.errorCode()).isNull();
        assertThat(e.errorBody().isMissingNode()).isTrue();
        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS + "/" + Fixture.unknownId(ITEM_TYPE) + "/nowhere");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndTheAllowedOnes(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().delete("/" + ITEMS);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(Arrays.stream(reply.header("Allow").split(",")).map(String::strip))
                .containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void shouldServeTheVersionWithoutAToken(Fixture qvarn) {
        JsonNode version = qvarn.anonymousClient().version();

        assertThat(version.path("api").path("version").isTextual()).isTrue();
        assertThat(version.path("implementation").path("name").isTextual()).isTrue();
        assertThat(version.path("implementation").path("version").isTextual()).isTrue();
    }

    @Test
    void shouldIgnoreAnInvalidTokenOnTheVersion(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().send("GET", "/version", null, null,
                Map.of("Authorization", "Bearer not-a-jwt"), false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void shouldSendADateHeader(Fixture qvarn) {
        assertThat(qvarn.raw().get("/" + ITEMS).header("Date")).isNotBlank();
    }
}
