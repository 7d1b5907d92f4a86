package org.qvarnmr.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.runtime.RunSummary;

/**
 * A mistake in the configuration is named by file, line and setting, never by echoing what may be a secret:
 * the line of a malformed entry, a URL's user info. A setting given twice is a mistake too, not "last wins".
 */
class ConfigSecretsTest {
    private static final String SECRET = "TOPSECRET-42";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static WorkerSettings load(Path file) {
        return WorkerSettings.from(ConfigSource.load(file, Map.of(), new Properties()), List.of());
    }

    @Test
    void shouldNameAMalformedLineWithoutEchoingIt() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nbase_url = http://127.0.0.1:9080\nclient_secret " + SECRET + "\n");

        assertThatThrownBy(() -> load(ini)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(ini + ":3: ")
                .hasMessageContaining("client_secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void shouldNameAMalformedSectionHeaderWithoutEchoingIt() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn client_secret=" + SECRET + "\n");

        assertThatThrownBy(() -> load(ini)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(ini + ":1: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void shouldRefuseUserInfoInTheBaseUrlWithoutEchoingIt() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nbase_url = https://worker:" + SECRET + "@qvarn.example\n"
                + "[qvarnmr]\ninstance = a\n");

        assertThatThrownBy(() -> load(ini)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarn.base-url (" + ini + ":2)")
                .hasMessageContaining("user name or password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("worker:"));
    }

    @Test
    void shouldNotEchoUserInfoInAnInvalidUrl() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nbase_url = http://127.0.0.1:9080\ntoken_url = ftp://worker:" + SECRET
                + "@auth.example/token\n[qvarnmr]\ninstance = a\n");

        assertThatThrownBy(() -> load(ini)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarn.token-url (" + ini + ":3)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void shouldRefuseAKeyGivenTwiceInOneSection() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nclient_secret = old\nbase_url = http://127.0.0.1:9080\n"
                + "client_secret = " + SECRET + "\n[qvarnmr]\ninstance = a\n");

        assertThatThrownBy(() -> load(ini)).isInstanceOf(ConfigException.class)
                .hasMessage(ini + ":4: client_secret is set twice in [qvarn] (first at line 2); keep one")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void shouldRefuseASectionGivenTwice() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nbase_url = http://127.0.0.1:9080\n[qvarnmr]\ninstance = a\n"
                + "[qvarn]\nclient_id = x\n");

        assertThatThrownBy(() -> load(ini)).isInstanceOf(ConfigException.class)
                .hasMessage(ini + ":5: section [qvarn] appears twice (first at line 1); put its settings together");
    }

    @Test
    void shouldRefuseAKeyGivenTwiceInAPropertiesFile() throws Exception {
        Path props = write("app.properties", "qvarn.base-url=http://127.0.0.1:9080\nqvarnmr.instance=a\n"
                + "qvarn.client-secret=old\n# a comment \\\nqvarn.client_secret = " + SECRET + "\n");

        assertThatThrownBy(() -> load(props)).isInstanceOf(ConfigException.class)
                .hasMessage(props + ":5: qvarn.client-secret is set twice (first at line 3); keep one")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void shouldNameThePropertiesLineOfABadValue() throws Exception {
        Path props = write("app.properties", "qvarn.base-url=http://127.0.0.1:9080\n\nqvarnmr.instance=a\\\n  b\n"
                + "qvarnmr.batch-size=0\n");

        assertThatThrownBy(() -> load(props)).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value '0' for qvarnmr.batch-size (" + props + ":5): expected a positive whole number");
    }

    @Test
    void shouldNotShowTheUserInfoOrPasswordOfADeadLetterEndpointInTheSummary() {
        String line = new RunSummary(1, 0, 1, "sftp://worker:" + SECRET + "@files.example/dl?password=" + SECRET, 0)
                .line();

        assertThat(line).contains("files.example/dl").doesNotContain(SECRET).doesNotContain("worker:");
    }

    @Test
    void shouldRefuseUserInfoInAClientsUrlWithoutEchoingIt() {
        assertThatThrownBy(() -> QvarnClientSettings.of(URI.create("https://worker:" + SECRET + "@qvarn.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("user name or password").doesNotContain(SECRET));
    }
}
