package org.qvarnmr.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static WorkerSettings settings(String... pairs) {
        Map<String, ConfigSource.Value> values = new java.util.HashMap<>();
        values.put("qvarn.base-url", new ConfigSource.Value("http://127.0.0.1:1", "test"));
        values.put("qvarnmr.instance", new ConfigSource.Value("t", "test"));
        for (String p : pairs) {
            String[] kv = p.split("=", 2);
            values.put(kv[0], new ConfigSource.Value(kv[1], "test.ini:3"));
        }
        return WorkerSettings.from(values, List.of());
    }

    @Test
    void shouldGrowTheDelayByTheMultiplierUpToTheMaximum() {
        RetryPolicy retry = new RetryPolicy(5, 3, Duration.ofMillis(100), 3, Duration.ofMillis(1000));

        assertThat(List.of(1, 2, 3, 4, 5).stream().map(retry::delay).map(Duration::toMillis)
                .collect(Collectors.toList())).containsExactly(100L, 300L, 900L, 1000L, 1000L);
    }

    @Test
    void shouldCountAChangeExhaustedAtItsLastAttempt() {
        RetryPolicy retry = new RetryPolicy(3, 0, Duration.ofMillis(1), 2, Duration.ofMillis(1));

        assertThat(retry.exhausted(2)).isFalse();
        assertThat(retry.exhausted(3)).isTrue();
    }

    @Test
    void shouldReadTheDefaultsFromTheDocumentedSettings() {
        RetryPolicy retry = settings().retry();

        assertThat(retry).isEqualTo(new RetryPolicy(5, 3, Duration.ofSeconds(1), 2, Duration.ofSeconds(60)));
    }

    @Test
    void shouldRefuseAMultiplierBelowOneNamingTheSettingAndItsOrigin() {
        assertThatThrownBy(() -> settings("qvarnmr.retry.multiplier=0.5"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'0.5' for qvarnmr.retry.multiplier (test.ini:3)");
    }

    @Test
    void shouldRefuseAMaximumShorterThanTheFirstDelay() {
        assertThatThrownBy(() -> settings("qvarnmr.retry.delay=10s", "qvarnmr.retry.max-delay=1s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.retry.max-delay (test.ini:3)")
                .hasMessageContaining("no shorter than qvarnmr.retry.delay");
    }
}
