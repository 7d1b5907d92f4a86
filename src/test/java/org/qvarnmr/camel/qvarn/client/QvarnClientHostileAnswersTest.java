package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.HostileRule;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * Answers no Qvarn sends but a broken proxy or a sick Qvarn can: one that drips, one that never ends, one
 * that is not what the request asks for. Each fails the request with a message naming it, in bounded time
 * and memory, and the client goes on working.
 */
class QvarnClientHostileAnswersTest {
    final QvarnMrHarness qvarn = TestQvarn.perTest();

    @RegisterExtension
    final HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
    private QvarnClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        qvarn.close();
    }

    private QvarnClient client(QvarnClientSettings settings) {
        client = new QvarnClient(settings);
        return client;
    }

    private QvarnClientSettings settings() {
        return QvarnClientSettings.of(URI.create(hostile.url()));
    }

    @Test
    void shouldGiveUpADrippingAnswerAtTheResponseTimeoutCountedFromTheStart() {
        String id = qvarn.create("orgs", "{\"names\": [\"Dripping Company Limited\"]}");
        Duration timeout = Duration.ofSeconds(2);
        Duration every = Duration.ofMillis(200);
        // Never idle for the timeout, and (head and body together, over 150 bytes) over 30 s in all.
        HostileRule drip = hostile.on("GET", "/orgs/*").drip(every);
        QvarnClient dripped = client(settings().withTimeouts(Duration.ofSeconds(2), timeout));
        long start = System.nanoTime();

        QvarnException failure = catchThrowableOfType(QvarnUnavailableException.class, () -> dripped.get("orgs", id));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failure).as("the request fails").isNotNull();
        assertThat(failure).hasMessage("GET /orgs/" + id + ": no complete answer within qvarn.response-timeout (2 s)");
        assertThat(took).as("it waited the timeout out").isGreaterThanOrEqualTo(timeout);
        assertThat(took).as("and gave up long before the drip ends (150 bytes at 200 ms)").isLessThan(Duration.ofSeconds(15));
        assertThat(drip.hits()).isEqualTo(1);

        drip.remove();
        assertThat(dripped.get("orgs", id).get("id").asText()).as("the client goes on").isEqualTo(id);
    }

    @Test
    void shouldRefuseAnAnswerAnnouncedLargerThanTheBoundWithoutReadingIt() {
        HostileRule balloon = hostile.on("GET", "/orgs").balloon(400L * 1024 * 1024);
        QvarnClient bounded = client(settings().withMaxResponseBytes(1024 * 1024));

        QvarnException failure = catchThrowableOfType(QvarnException.class, () -> bounded.listIds("orgs"));

        assertThat(failure).hasMessage("GET /orgs: the answer is larger than qvarn.max-response-size (1 MB; 400 MB "
                + "announced); raise the setting if Qvarn's answers are really this large");
        assertThat(failure.isRetryable()).as("waiting does not make it smaller").isFalse();
        assertThat(balloon.hits()).isEqualTo(1);
        balloon.remove();
        assertThat(bounded.listIds("orgs")).as("the client goes on").isEmpty();
    }

    @Test
    void shouldStopReadingAnEndlessAnswerAtTheBound() {
        HostileRule balloon = hostile.on("GET", "/orgs/listeners/*/notifications").endlessBalloon();
        QvarnClient bounded = client(settings().withMaxResponseBytes(2 * 1024 * 1024));

        QvarnException failure = catchThrowableOfType(QvarnException.class,
                () -> bounded.listNotificationIds("orgs", "l-1"));

        assertThat(failure).hasMessage("GET /orgs/listeners/l-1/notifications: the answer is larger than "
                + "qvarn.max-response-size (2 MB; read that far, then stopped); raise the setting if Qvarn's answers "
                + "are really this large");
        balloon.remove();
        assertThat(bounded.listIds("orgs")).as("the client goes on").isEmpty();
    }

    @Test
    void shouldReadAnAnswerOfExactlyTheBoundAndRefuseOneByteMore() throws Exception {
        String id = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        int size = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hostile.url() + "/orgs/" + id))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body().length;

        assertThat(client(settings().withMaxResponseBytes(size)).get("orgs", id).get("id").asText()).isEqualTo(id);
        client.close();
        assertThat(catchThrowableOfType(QvarnException.class,
                () -> client(settings().withMaxResponseBytes(size - 1)).get("orgs", id)))
                .hasMessageContaining("larger than qvarn.max-response-size (" + (size - 1) + " bytes; " + size
                        + " bytes announced)");
    }
}
