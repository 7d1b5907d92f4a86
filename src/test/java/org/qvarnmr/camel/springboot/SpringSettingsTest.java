package org.qvarnmr.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.WorkerSettings;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Spring's Environment as the worker's settings: relaxed names, priority, origins, and the one typo check. */
class SpringSettingsTest {
    private static StandardEnvironment environment(Map<String, Object> application, Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        env.getPropertySources().addLast(new MapPropertySource("application.yml", application));
        return env;
    }

    private static final Map<String, Object> REQUIRED = Map.of("qvarn.base-url", "http://127.0.0.1:1",
            "qvarnmr.instance", "i", "qvarnmr.handlers", "handlers.yaml");

    @Test
    void shouldReadEverySpellingOfASettingAndLetTheEnvironmentWin() {
        var application = new java.util.HashMap<String, Object>(REQUIRED);
        application.put("qvarnmr.keepAliveTimeout", 90);         // camelCase
        application.put("qvarnmr.retry.max_delay", "2m");         // underscore
        application.put("qvarnmr.poll-interval", "1s");
        SpringSettings settings = SpringSettings.of(environment(application,
                Map.of("QVARNMR_POLL_INTERVAL", "250ms", "QVARNMR_BATCHSIZE", "7", "QVARNMR_SOMETHING_ELSE", "x")));

        assertThat(settings.handlers()).isEqualTo("handlers.yaml");
        WorkerSettings worker = WorkerSettings.from(settings.values(), List.of());
        assertThat(worker.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(worker.retry().maxDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(worker.pollInterval()).as("the environment variable wins").isEqualTo(Duration.ofMillis(250));
        assertThat(worker.batchSize()).isEqualTo(7);
        assertThat(settings.values().get("qvarnmr.keep-alive-timeout").origin()).contains("application.yml");
    }

    /** What WorkerSettings says of the required settings plus this one line of application.yml. */
    private static AbstractThrowableAssert<?, ? extends Throwable> checking(String key, Object value) {
        var application = new java.util.HashMap<String, Object>(REQUIRED);
        application.put(key, value);
        SpringSettings settings = SpringSettings.of(environment(application, Map.of()));
        return assertThatThrownBy(() -> WorkerSettings.from(settings.values(), List.of()))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldRefuseAKeyOfTheWorkersNamespacesThatIsNoSettingNamingItsOriginAndTheClosestSetting() {
        checking("qvarnmr.keep-alive-timout", "60")
                .hasMessageStartingWith("unknown setting qvarnmr.keep-alive-timout (")
                .hasMessageContaining("application.yml")
                .hasMessageContaining("did you mean qvarnmr.keep-alive-timeout?");
    }

    @Test
    void shouldReportABadValueWithTheSettingsOwnMessage() {
        checking("qvarnmr.batchSize", "many").hasMessageContaining("qvarnmr.batch-size");
    }
}
