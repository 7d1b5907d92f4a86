package org.qvarnmr.camel.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.ConfigException;

class ConfigAdminSettingsTest {
    private static Hashtable<String, Object> fromFile(String file) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("service.pid", "org.qvarnmr.camel.1234");
        p.put("service.factoryPid", "org.qvarnmr.camel");
        p.put("felix.fileinstall.filename", Path.of(file).toUri().toString());
        p.put("qvarn.base-url", "http://127.0.0.1:9");
        p.put("qvarnmr.instance", "karaf");
        return p;
    }

    @Test
    void shouldLeaveOutTheFrameworksOwnKeys() {
        ConfigAdminSettings config = ConfigAdminSettings.of("org.qvarnmr.camel~a", fromFile("/opt/karaf/etc/org.qvarnmr.camel-a.cfg"), null);

        assertThat(config.values()).containsOnlyKeys("qvarn.base-url", "qvarnmr.instance");
        assertThat(config.origin()).isEqualTo("/opt/karaf/etc/org.qvarnmr.camel-a.cfg");
        assertThat(config.workerSettings(List.of()).instance()).isEqualTo("karaf");
    }

    @Test
    void shouldResolveARelativeHandlersFileAgainstKarafsEtcFolder() {
        Hashtable<String, Object> p = fromFile("/opt/karaf/etc/org.qvarnmr.camel.cfg");
        assertThat(ConfigAdminSettings.of("org.qvarnmr.camel", p, "/opt/karaf/etc").handlers())
                .isEqualTo(Path.of("/opt/karaf/etc/qvarnmr-handlers.yaml"));

        p.put("qvarnmr.handlers", "/srv/handlers.yaml");
        assertThat(ConfigAdminSettings.of("org.qvarnmr.camel", p, "/opt/karaf/etc").handlers())
                .isEqualTo(Path.of("/srv/handlers.yaml"));
        assertThat(ConfigAdminSettings.of("org.qvarnmr.camel", p, "/opt/karaf/etc").values())
                .doesNotContainKey("qvarnmr.handlers");
    }

    @Test
    void shouldRefuseAMistypedSettingNamingTheCfgFile() {
        Hashtable<String, Object> p = fromFile("/opt/karaf/etc/org.qvarnmr.camel.cfg");
        p.put("qvarnmr.keep_alive_timout", "60");

        ConfigAdminSettings config = ConfigAdminSettings.of("org.qvarnmr.camel", p, null);

        assertThatThrownBy(() -> config.workerSettings(List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting qvarnmr.keep-alive-timout (/opt/karaf/etc/org.qvarnmr.camel.cfg)")
                .hasMessageContaining("did you mean qvarnmr.keep-alive-timeout?");
    }

    @Test
    void shouldNameThePidWhenTheConfigurationHasNoFile() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("qvarnmr.instance", "karaf");
        p.put("qvarnmr.batch-size", " ");

        ConfigAdminSettings config = ConfigAdminSettings.of("org.qvarnmr.camel", p, null);

        assertThat(config.origin()).isEqualTo("ConfigAdmin PID org.qvarnmr.camel");
        assertThat(config.configured()).as("no qvarn.base-url").isFalse();
        assertThat(config.values()).as("blank means the default").doesNotContainKey("qvarnmr.batch-size");
    }
}
