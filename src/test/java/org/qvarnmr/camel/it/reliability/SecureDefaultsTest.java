package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * Safe unless told otherwise: the worker verifies TLS certificates, and the embedded Qvarn listens on the
 * loopback interface only. (Certificate checks themselves: qvarn/client/QvarnClientTlsTest; scope checks
 * of the embedded server with auth: qvarn/server/AuthTest.)
 */
class SecureDefaultsTest {
    @Test
    void shouldVerifyTlsCertificatesByDefault() {
        WorkerSettings settings = WorkerSettings.from(Map.of(
                "qvarn.base-url", new ConfigSource.Value("https://qvarn.example.com", "test"),
                "qvarnmr.instance", new ConfigSource.Value("defaults", "test")), List.of());

        assertThat(settings.qvarn().verifyTls()).isTrue();
    }

    @Test
    void shouldBindTheEmbeddedQvarnToLoopbackByDefault() throws Exception {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .build().start()) {
            assertThat(qvarn.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(new InetSocketAddress(qvarn.baseUrl().getHost(), 0).getAddress().isLoopbackAddress()).isTrue();
        }
        Cli.Result help = Cli.run("qvarn-server", "--help");
        assertThat(help.out()).contains("address to bind (default: 127.0.0.1)");
    }
}
