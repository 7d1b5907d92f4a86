package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;
import org.qvarnmr.camel.qvarn.client.support.LogCapture;

/** TLS is verified by default; {@code verifyTls=false} trusts any certificate and host name, with one warning. */
class QvarnClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    static FakeQvarn qvarn;

    /** An HTTPS fake whose self-signed certificate names another host than 127.0.0.1. */
    @BeforeAll
    static void startHttps() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "fake", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=not-this-host.example", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        qvarn = FakeQvarn.startTls(tls);
        qvarn.on("GET", "/version", request -> Reply.json("{\"api\":{\"version\":\"0.82\"}}"));
    }

    @AfterAll
    static void stopHttps() {
        qvarn.close();
    }

    @Test
    void shouldTrustAnyCertificateWhenVerificationIsOff() {
        try (QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()).withVerifyTls(false))) {
            assertThat(client.version().at("/api/version").asText()).isEqualTo("0.82");
        }
    }

    @Test
    void shouldRefuseAnUntrustedCertificateByDefault() {
        try (QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()))) {
            assertThatThrownBy(client::version).isInstanceOf(QvarnUnavailableException.class)
                    .hasMessageStartingWith("GET /version: no response")
                    .hasCauseInstanceOf(SSLException.class);
        }
    }

    @Test
    void shouldWarnOnceAtConstructionWhenVerificationIsOff() {
        try (LogCapture log = LogCapture.of("org.qvarnmr.camel.qvarn.client");
             QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()).withVerifyTls(false))) {
            client.version();
            client.version();

            assertThat(log.events()).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage()).contains("TLS verification is OFF"));
        }
    }

    @Test
    void shouldNotWarnWhenVerificationIsOn() {
        try (LogCapture log = LogCapture.of("org.qvarnmr.camel.qvarn.client");
             QvarnClient client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()))) {
            assertThat(log.events()).noneMatch(event -> event.getLevel() == Level.WARN);
        }
    }
}
