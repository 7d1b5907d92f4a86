package org.qvarnmr.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSettingsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The original README's example file, as users have it (stray comma and inline comments included). */
    private static final String ORIGINAL_INI = """
            [qvarn]
            base_url = https://qvarn-example.tld,
            client_id = test_client_id
            client_secret = verysecret
            verify_requests = no
            scope = scope1,scope2,scope3

            [qvarnmr]
            instance = instance-name
            keep_alive_update_interval = 10 # seconds
            keep_alive_timeout = 60 # seconds
            """;

    @Test
    void shouldReadTheOriginalIniFile() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI);

        WorkerSettings s = WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of("x"));

        assertThat(s.qvarn().baseUrl().toString()).isEqualTo("https://qvarn-example.tld");
        assertThat(s.qvarn().clientId()).isEqualTo("test_client_id");
        assertThat(s.qvarn().clientSecret().reveal()).isEqualTo("verysecret");
        assertThat(s.qvarn().verifyTls()).isFalse();
        assertThat(s.qvarn().scopes()).containsExactly("scope1", "scope2", "scope3");
        assertThat(s.instance()).isEqualTo("instance-name");
        assertThat(s.keepAliveUpdateInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldRequestTheHandlersScopesWhenNoneAreConfigured() throws Exception {
        Path props = write("application.properties", "qvarn.base-url=http://127.0.0.1:9080\nqvarnmr.instance=a\n");

        WorkerSettings s = WorkerSettings.from(ConfigSource.load(props, Map.of(), new Properties()),
                List.of("uapi_orgs_get", "uapi_orgs_post"));

        assertThat(s.qvarn().scopes()).containsExactly("uapi_orgs_get", "uapi_orgs_post");
    }

    @Test
    void shouldLetEnvironmentAndSystemPropertiesOverrideTheFile() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI);
        Properties system = new Properties();
        system.setProperty("qvarnmr.instance", "from-system");

        WorkerSettings s = WorkerSettings.from(ConfigSource.load(ini,
                Map.of("QVARN_BASE_URL", "http://env.example:1", "QVARNMR_INSTANCE", "from-env"), system), List.of());

        assertThat(s.qvarn().baseUrl().toString()).isEqualTo("http://env.example:1");
        assertThat(s.instance()).isEqualTo("from-system");
    }

    @Test
    void shouldNameTheSettingTheOriginAndWhatIsExpectedForABadValue() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI.replace("keep_alive_timeout = 60", "keep_alive_timeout = soon"));

        assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.keep-alive-timeout")
                .hasMessageContaining("qvarnmr.cfg:11")
                .hasMessageContaining("'soon'")
                .hasMessageContaining("duration");
    }

    @Test
    void shouldRefuseAMistypedSettingNamingItsLineAndTheLikelyName() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI.replace("keep_alive_timeout = 60", "keep_alive_timout = 60"));

        assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting qvarnmr.keep-alive-timout (" + ini + ":11)")
                .hasMessageContaining("did you mean qvarnmr.keep-alive-timeout?");
    }

    @Test
    void shouldRefuseAnUnknownSettingWithoutAGuessWhenNothingIsClose() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI.replace("\n[qvarnmr]", "flux_capacitor = on\n[qvarnmr]"));

        assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of()))
                .hasMessageContaining("unknown setting qvarn.flux-capacitor (" + ini + ":7).")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void shouldPassKeysOfOtherSectionsToCamel() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI + "[camel]\nmain.name = w\n[routes]\nout_dir = /tmp/x\n");

        WorkerSettings s = WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of());

        assertThat(s.operations().camelProperties()).containsEntry("camel.main.name", "w")
                .containsEntry("routes.out-dir", "/tmp/x").doesNotContainKey("qvarn.base-url");
    }

    @Test
    void shouldRequireTheInstanceAndSayWhere() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nbase_url = http://x\n");

        assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of()))
                .hasMessageContaining("missing setting qvarnmr.instance").hasMessageContaining("QVARNMR_INSTANCE");
    }

    @Test
    void shouldRefuseAnUpdateIntervalNotShorterThanTheTimeout() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI.replace("keep_alive_update_interval = 10", "keep_alive_update_interval = 90"));

        assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of()))
                .hasMessageContaining("must be shorter");
    }

    @Test
    void shouldAcceptDurationsWithUnits() throws Exception {
        Path props = write("a.properties", "qvarn.base-url=http://h\nqvarnmr.instance=a\nqvarnmr.poll-interval=250ms\n"
                + "qvarnmr.retry.max-delay=2m\n");

        WorkerSettings s = WorkerSettings.from(ConfigSource.load(props, Map.of(), new Properties()), List.of());

        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.retry().maxDelay()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldNeverShowTheSecretWhenPrinted() throws Exception {
        Path ini = write("qvarnmr.cfg", ORIGINAL_INI);

        WorkerSettings s = WorkerSettings.from(ConfigSource.load(ini, Map.of(), new Properties()), List.of());

        assertThat(s.toString()).doesNotContain("verysecret");
    }

    @Test
    void shouldSayWhichLineIsMalformed() throws Exception {
        Path ini = write("qvarnmr.cfg", "[qvarn]\nverify_requests no\n");

        assertThatThrownBy(() -> ConfigSource.load(ini, Map.of(), new Properties()))
                .hasMessageContaining("qvarnmr.cfg:2").hasMessageContaining("key = value");
    }
}
