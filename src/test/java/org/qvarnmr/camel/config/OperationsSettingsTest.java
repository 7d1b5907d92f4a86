package org.qvarnmr.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operations settings: standby, the management server, and the keys passed on to Camel. */
class OperationsSettingsTest {
    private static OperationsSettings read(String... pairs) {
        Map<String, ConfigSource.Value> values = new HashMap<>();
        values.put("qvarn.base-url", new ConfigSource.Value("http://127.0.0.1:9080", "test"));
        values.put("qvarnmr.instance", new ConfigSource.Value("i", "test"));
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), new ConfigSource.Value(pair.substring(eq + 1), "app.properties"));
        }
        return WorkerSettings.from(values, List.of()).operations();
    }

    @Test
    void shouldDefaultToNoStandbyAndManagementOnlyInForeverMode() {
        OperationsSettings ops = read();

        assertThat(ops.standby()).isFalse();
        assertThat(ops.managementEnabled(true)).isTrue();
        assertThat(ops.managementEnabled(false)).isFalse();
        assertThat(ops.managementHost()).isEqualTo("127.0.0.1");
        assertThat(ops.managementPort()).isEqualTo(9876);
        assertThat(ops.healthMaxPollAge()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void shouldReadTheOperationsSettings() {
        OperationsSettings ops = read("qvarnmr.standby=yes", "qvarnmr.management.enabled=no",
                "qvarnmr.management.host=0.0.0.0", "qvarnmr.management.port=19876", "qvarnmr.health.max-poll-age=30s");

        assertThat(ops.standby()).isTrue();
        assertThat(ops.managementEnabled(true)).isFalse();
        assertThat(ops.managementHost()).isEqualTo("0.0.0.0");
        assertThat(ops.managementPort()).isEqualTo(19876);
        assertThat(ops.healthMaxPollAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(read("qvarnmr.management.enabled=yes").managementEnabled(false)).isTrue();
    }

    @Test
    void shouldTakePortZeroAsAFreePortTheSystemPicks() {
        assertThat(read("qvarnmr.management.port=0").managementPort()).isZero();
        assertThatThrownBy(() -> read("qvarnmr.management.port=-1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.management.port").hasMessageContaining("0 or more");
    }

    @Test
    void shouldPassOnlyKeysThatAreNotWorkerSettingsToCamel() {
        OperationsSettings ops = read("camel.main.routes-include-pattern=file:x/*.yaml", "derived-changes.dir=/tmp/d",
                "qvarn.client-secret=verysecret", "qvarnmr.poll-interval=1");

        assertThat(ops.camelProperties()).containsOnly(
                Map.entry("camel.main.routes-include-pattern", "file:x/*.yaml"),
                Map.entry("derived-changes.dir", "/tmp/d"));
    }

    @Test
    void shouldNameABadValue() {
        assertThatThrownBy(() -> read("qvarnmr.management.enabled=sometimes")).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'sometimes' for qvarnmr.management.enabled (app.properties): "
                        + "expected yes, no or auto");
        assertThatThrownBy(() -> read("qvarnmr.management.port=70000")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.management.port").hasMessageContaining("1-65535");
        assertThatThrownBy(() -> read("qvarnmr.standby=maybe")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.standby").hasMessageContaining("yes or no");
    }
}
