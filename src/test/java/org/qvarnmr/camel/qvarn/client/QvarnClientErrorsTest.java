package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;
import org.qvarnmr.camel.support.RefusingPort;

/** How answers other than 2xx, and missing answers, become exceptions. */
class QvarnClientErrorsTest {
    private static final String PATH = "/orgs/f392-1";

    private final List<Integer> reportedStatuses = new CopyOnWriteArrayList<>();
    private FakeQvarn qvarn;
    private QvarnClient client;

    @BeforeEach
    void start() {
        qvarn = FakeQvarn.start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)),
                (method, route, status, nanos) -> reportedStatuses.add(status));
    }

    @AfterEach
    void stop() {
        client.close();
        qvarn.close();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, QvarnBadRequestException.class, false),
                Arguments.of(401, QvarnUnauthorizedException.class, false),
                Arguments.of(403, QvarnForbiddenException.class, false),
                Arguments.of(404, QvarnNotFoundException.class, false),
                Arguments.of(405, QvarnException.class, false),
                Arguments.of(409, QvarnConflictException.class, false),
                Arguments.of(411, QvarnException.class, false),
                Arguments.of(429, QvarnUnavailableException.class, true),
                Arguments.of(500, QvarnServerException.class, true),
                Arguments.of(502, QvarnServerException.class, true),
                Arguments.of(503, QvarnUnavailableException.class, true),
                Arguments.of(504, QvarnServerException.class, true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statuses")
    void shouldMapJsonErrorsByStatus(int status, Class<? extends QvarnException> type, boolean retryable) {
        qvarn.on("GET", PATH, request -> Reply.json(status, "{\"error_code\":\"SomeError\",\"message\":\"x {y}\"}"));

        QvarnException error = catchThrowableOfType(QvarnException.class, () -> client.get("orgs", "f392-1"));

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.method()).isEqualTo("GET");
        assertThat(error.requestPath()).isEqualTo(PATH);
        assertThat(error.errorCode()).isEqualTo("SomeError");
        assertThat(error.isRetryable()).isEqualTo(retryable);
        assertThat(error).hasMessage("GET " + PATH + ": " + status + " SomeError");
        assertThat(qvarn.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statuses")
    void shouldMapHtmlErrorsByStatus(int status, Class<? extends QvarnException> type, boolean retryable) {
        qvarn.on("GET", PATH, request -> Reply.html(status));

        QvarnException error = catchThrowableOfType(QvarnException.class, () -> client.get("orgs", "f392-1"));

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.errorBody().isMissingNode()).isTrue();
        assertThat(error.errorCode()).isNull();
        assertThat(error).hasMessage("GET " + PATH + ": " + status);
    }

    @Test
    void shouldNameTheMissingRouteScopeOnA403() {
        qvarn.on("GET", PATH, request -> Reply.json(403,
                "{\"error_code\":\"NoAccessToRouteScope\",\"route_scope\":\"uapi_orgs_id_get\"}"));

        QvarnForbiddenException error = catchThrowableOfType(QvarnForbiddenException.class,
                () -> client.get("orgs", "f392-1"));

        assertThat(error.routeScope()).isEqualTo("uapi_orgs_id_get");
        assertThat(error).hasMessage("GET " + PATH + ": 403 NoAccessToRouteScope (missing scope uapi_orgs_id_get)");
    }

    @Test
    void shouldCarryTheCurrentRevisionOnA409() throws Exception {
        qvarn.on("PUT", PATH, request -> Reply.json(409,
                "{\"error_code\":\"WrongRevision\",\"item_id\":\"f392-1\",\"current\":\"38ce-2\",\"update\":\"38ce-1\"}"));
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("{\"revision\":\"38ce-1\"}");

        QvarnConflictException error = catchThrowableOfType(QvarnConflictException.class,
                () -> client.update("orgs", "f392-1", body));

        assertThat(error.currentRevision()).isEqualTo("38ce-2");
        assertThat(error.errorCode()).isEqualTo("WrongRevision");
    }

    @Test
    void shouldTreatANonJsonSuccessAsAnError() {
        qvarn.on("GET", PATH, request -> Reply.html(200));

        QvarnException error = catchThrowableOfType(QvarnException.class, () -> client.get("orgs", "f392-1"));

        assertThat(error.status()).isEqualTo(200);
        assertThat(error.isRetryable()).isFalse();
    }

    @Test
    void shouldReportATimeoutAsUnavailableWithoutStatus() {
        qvarn.on("GET", PATH, qvarn.silence());

        QvarnUnavailableException error = catchThrowableOfType(QvarnUnavailableException.class,
                () -> client.get("orgs", "f392-1"));

        assertThat(error.status()).isEqualTo(-1);
        assertThat(error.isRetryable()).isTrue();
        assertThat(error.getMessage()).isEqualTo("GET " + PATH + ": no complete answer within qvarn.response-timeout (300 ms)");
        assertThat(reportedStatuses).containsExactly(-1);
    }

    @Test
    void shouldReportARefusedConnectionAsUnavailableWithoutStatus() throws IOException {
        try (RefusingPort unreachable = new RefusingPort();
             QvarnClient refused = new QvarnClient(QvarnClientSettings.of(URI.create(unreachable.url())))) {
            QvarnUnavailableException error = catchThrowableOfType(QvarnUnavailableException.class,
                    () -> refused.get("orgs", "f392-1"));

            assertThat(error.status()).isEqualTo(-1);
            assertThat(error.method()).isEqualTo("GET");
            assertThat(error.requestPath()).isEqualTo(PATH);
        }
    }
}
