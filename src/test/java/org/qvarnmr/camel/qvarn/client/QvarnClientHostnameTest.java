package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
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

/**
 * Host names are checked on their own: a certificate the client trusts is still refused when it is for
 * another host. (QvarnClientTlsTest's certificate is untrusted and for another host at once, so it cannot
 * tell the two checks apart.) The trust store is the JVM's default one, named by {@code
 * javax.net.ssl.trustStore} while each client is built, as an operator would for a private CA.
 */
class QvarnClientHostnameTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path trustStore;
    static FakeQvarn thisHost;
    static FakeQvarn otherHost;

    @BeforeAll
    static void start() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        thisHost = server("this", "CN=127.0.0.1", "ip:127.0.0.1", trusted);
        otherHost = server("other", "CN=not-this-host.example", "dns:not-this-host.example", trusted);
        trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trusted.store(out, PASSWORD.toCharArray());
        }
    }

    /** An HTTPS fake with a new self-signed certificate, which {@code trusted} then trusts. */
    private static FakeQvarn server(String name, String dname, String san, KeyStore trusted) throws Exception {
        Path keystore = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve(name + ".log"))).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        trusted.setCertificateEntry(name, store.getCertificate(name));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        FakeQvarn qvarn = FakeQvarn.startTls(tls);
        qvarn.on("GET", "/version", request -> Reply.json("{\"api\":{\"version\":\"0.82\"}}"));
        return qvarn;
    }

    @AfterAll
    static void stop() {
        thisHost.close();
        otherHost.close();
    }

    /** A client with TLS verification on, built while the JVM's trust store is the test's. */
    private static QvarnClient trustingClient(FakeQvarn qvarn) {
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
        String[] values = {trustStore.toString(), PASSWORD, "PKCS12"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.setProperty(keys[i], values[i]);
        }
        try {
            return new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()));
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
    }

    @Test
    void shouldAcceptATrustedCertificateForThisHost() {
        try (QvarnClient client = trustingClient(thisHost)) {
            assertThat(client.version().at("/api/version").asText()).isEqualTo("0.82");
        }
    }

    @Test
    void shouldRefuseATrustedCertificateForAnotherHost() {
        try (QvarnClient client = trustingClient(otherHost)) {
            assertThatThrownBy(client::version).isInstanceOf(QvarnUnavailableException.class)
                    .hasMessageStartingWith("GET /version: no response")
                    .hasCauseInstanceOf(SSLException.class)
                    .cause().hasMessageContaining("No subject alternative names matching IP address 127.0.0.1")
                    .hasMessageNotContaining("PKIX"); // trusted: the certificate chain was accepted
        }
    }
}
