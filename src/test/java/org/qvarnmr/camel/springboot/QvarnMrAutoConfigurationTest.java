package org.qvarnmr.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingException;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.worker.QvarnMr;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the auto-configuration builds a worker, and how it refuses to (no Qvarn is needed to get that far). */
class QvarnMrAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, QvarnMrAutoConfiguration.class))
            .withPropertyValues("qvarn.base-url=http://127.0.0.1:1", "qvarnmr.instance=spring");

    @Test
    void shouldBuildNoWorkerWithoutHandlers() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(QvarnMr.class));
    }

    @Test
    void shouldRefuseASettingAnEmbeddedWorkerCannotHonour() {
        runner.withPropertyValues("qvarnmr.handlers=config/handlers.yaml", "qvarnmr.standby=yes").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("qvarnmr.standby=yes: not supported in an embedded worker"));
    }

    @Test
    void shouldNameABindingsResourceItCannotRead() {
        runner.withPropertyValues("qvarnmr.handlers=classpath:no-such-bindings.yaml").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("qvarnmr.handlers=classpath:no-such-bindings.yaml: cannot read the "
                                + "handler bindings (")
                        .hasMessageEndingWith("); give a file, or classpath:NAME for a resource of the application"));
    }

    @Test
    void shouldLoadBindingsFromTheClassPath() {
        // the demo's bindings are in the jar as demo/handlers.yaml: read and checked, the worker is built and
        // fails only when Camel starts it and it cannot reach this Qvarn
        runner.withPropertyValues("qvarnmr.handlers=classpath:demo/handlers.yaml").run(context ->
                assertThat(context).getFailure().rootCause().isNotInstanceOf(ConfigException.class)
                        .isNotInstanceOf(BindingException.class).hasMessageContaining("127.0.0.1:1"));
    }
}
