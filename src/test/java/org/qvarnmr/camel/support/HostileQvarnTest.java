package org.qvarnmr.camel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** The hostile-Qvarn fixture does what each rule says, forwards the rest unchanged, and stops by itself. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class HostileQvarnTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QvarnMrHarness qvarn;

    private HostileQvarn hostile;

    private HostileQvarn hostile() {
        hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
        return hostile;
    }

    @AfterEach
    void close() {
        if (hostile != null) {
            hostile.close();
        }
    }

    private static HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldForwardWhatNoRuleTakesUnchanged() throws Exception {
        HostileQvarn proxy = hostile();
        proxy.on("GET", "/reports").status(500);

        HttpResponse<String> created = send(proxy.url(), "POST", "/orgs", "{\"names\": [\"A\"]}");
        String id = created.body().replaceAll(".*\"id\": ?\"([^\"]+)\".*", "$1");
        HttpResponse<String> direct = send(qvarn.server().baseUrl().toString(), "GET", "/orgs/" + id, null);
        HttpResponse<String> proxied = send(proxy.url(), "GET", "/orgs/" + id, null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo(direct.body());
        assertThat(proxied.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
        assertThat(proxy.requests()).isEqualTo(2);
    }

    @Test
    void shouldRefuseOneRouteForeverAndLeaveTheOthersAlone() throws Exception {
        HostileQvarn proxy = hostile();
        HostileRule refusal = proxy.on("POST", "/reports").status(429);

        for (int i = 0; i < 3; i++) {
            assertThat(send(proxy.url(), "POST", "/reports", "{}").statusCode()).isEqualTo(429);
        }
        assertThat(send(proxy.url(), "POST", "/orgs", "{}").statusCode()).as("another route").isEqualTo(201);
        assertThat(send(proxy.url(), "GET", "/reports", null).statusCode()).as("another method").isEqualTo(200);
        assertThat(refusal.hits()).isEqualTo(3);
        assertThat(qvarn.derived("reports")).as("never reached Qvarn").isEmpty();
    }

    @Test
    void shouldAnswerGarbageTheGivenNumberOfTimes() throws Exception {
        HostileQvarn proxy = hostile();
        proxy.on("GET", "/orgs/search/**").times(1).garbage("text/html", "<html>maintenance</html>");
        proxy.on("GET", "/orgs").garbage("application/json", "[\"not\", \"an object\"]");

        HttpResponse<String> garbage = send(proxy.url(), "GET", "/orgs/search/exact/id/x", null);
        HttpResponse<String> then = send(proxy.url(), "GET", "/orgs/search/exact/id/x", null);
        HttpResponse<String> wrongShape = send(proxy.url(), "GET", "/orgs", null);

        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.body()).isEqualTo("<html>maintenance</html>");
        assertThat(then.body()).as("after its count the rule lets requests through").isEqualTo("{\"resources\":[]}");
        assertThat(wrongShape.body()).isEqualTo("[\"not\", \"an object\"]");
    }

    @Test
    void shouldDripQvarnsAnswerOneByteAtATime() throws Exception {
        HostileQvarn proxy = hostile();
        HostileRule drip = proxy.on("GET", "/orgs").drip(Duration.ofMillis(5));
        long start = System.nanoTime();

        HttpResponse<String> answer = send(proxy.url(), "GET", "/orgs", null);

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"resources\":[]}");
        assertThat(millis).as("at least 5 ms per byte of the whole answer").isGreaterThanOrEqualTo(5L * 60);
        assertThat(drip.hits()).isEqualTo(1);
    }

    @Test
    void shouldBalloonToTheAnnouncedSizeWithoutHoldingIt() throws Exception {
        HostileQvarn proxy = hostile();
        long size = 20L * 1024 * 1024;
        proxy.on("GET", "/orgs").balloon(size);

        HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/orgs")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(size);
        try (InputStream body = answer.body()) {
            assertThat(body.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
        }
    }

    @Test
    void shouldBalloonWithoutEndUntilTheClientStopsReading() throws Exception {
        HostileQvarn proxy = hostile();
        HostileRule balloon = proxy.on("GET", "/orgs").endlessBalloon();
        long read = 0;

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(proxy))) {
            socket.getOutputStream().write("GET /orgs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            while (read < 50L * 1024 * 1024) {
                int n = in.read(buffer);
                assertThat(n).as("the balloon does not end").isPositive();
                read += n;
            }
            assertThat(balloon.active()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> balloon.active() == 0);
        assertThat(send(proxy.url(), "GET", "/reports", null).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void shouldHoldAHangingRequestUntilTheClientOrTheProxyGivesUp() throws Exception {
        HostileQvarn proxy = hostile();
        HostileRule hang = proxy.on("GET", "/orgs").hang();

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(proxy))) {
            socket.getOutputStream().write("GET /orgs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(30)).until(() -> hang.active() == 1);
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read()).as("no answer")
                    .isInstanceOf(SocketTimeoutException.class);

            proxy.close();

            socket.setSoTimeout(30_000);
            assertThat(readRest(socket.getInputStream())).as("closed without an answer").isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> hang.active() == 0);
    }

    @Test
    void shouldCloseItselfAfterItsLifetime() throws Exception {
        hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl(), Duration.ofMillis(500));
        HostileRule hang = hostile.on("GET", "/orgs").hang();
        int port = port(hostile);
        Socket held = new Socket(InetAddress.getLoopbackAddress(), port);
        held.getOutputStream().write("GET /orgs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        await().atMost(Duration.ofSeconds(30)).until(() -> hang.active() == 0 && hang.hits() == 1);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(ConnectException.class);
            return true;
        });
        held.close();
    }

    private static int port(HostileQvarn proxy) {
        return URI.create(proxy.url()).getPort();
    }

    private static byte[] readRest(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException reset) {
            // closed by the proxy: what came before is the answer
        }
        return bytes.toByteArray();
    }
}
