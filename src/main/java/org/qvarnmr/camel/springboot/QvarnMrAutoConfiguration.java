package org.qvarnmr.camel.springboot;

import static org.apache.camel.component.micrometer.MicrometerConstants.METRICS_REGISTRY_NAME;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Runs a worker in a Spring Boot application, on its CamelContext (camel-spring-boot), through the one
 * assembly {@link QvarnMr}: settings from {@code application.yml} ({@link SpringSettings}), checked by
 * {@link WorkerSettings#from} as under every runner; the handler bindings from {@value SpringSettings#HANDLERS},
 * whose presence turns the worker on. The worker runs in forever mode; it takes ownership when Camel starts
 * (failing the start while another worker is alive) and releases it when Camel stops with the application
 * context, so the next worker can start at once. Its meters go to the application's {@link MeterRegistry}
 * and its readiness to Actuator's health as {@code qvarnmr}.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(CamelAutoConfiguration.class)
@ConditionalOnBean(CamelContext.class)
@ConditionalOnProperty(SpringSettings.HANDLERS)
public class QvarnMrAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public QvarnMr qvarnMr(CamelContext camel, Environment environment, ObjectProvider<MeterRegistry> meters)
            throws Exception {
        SpringSettings config = SpringSettings.of(environment);
        BindingsLoader loader = BindingsLoader.forSettings(CamelHandlerResolver.of(camel), config.values());
        HandlerBindings bindings = load(loader, config.handlers());
        WorkerSettings settings = WorkerSettings.from(config.values(), RequiredScopes.of(bindings));
        QvarnMr worker = QvarnMr.builder(bindings, settings).host(QvarnMr.Host.EMBEDDED).camel(camel).forever(true)
                .build();
        // The application's registry becomes camel-micrometer's (unless it has one already), so the worker's
        // meters, which addTo publishes there, and those of the application's micrometer: routes land beside
        // Actuator's own, instead of in the worker's private Prometheus registry
        meters.ifAvailable(registry -> {
            if (camel.getRegistry().lookupByNameAndType(METRICS_REGISTRY_NAME, MeterRegistry.class) == null) {
                camel.getRegistry().bind(METRICS_REGISTRY_NAME, MeterRegistry.class, registry);
            }
        });
        try {
            return worker.addTo(camel);
        } catch (Exception | Error e) {
            worker.close(); // the bean never exists, so Spring would not close its client and threads
            throw e;
        }
    }

    /** A file (its messages name file:line), or {@code classpath:NAME} for bindings packed in the application. */
    private static HandlerBindings load(BindingsLoader loader, String location) {
        if (!location.startsWith(DefaultResourceLoader.CLASSPATH_URL_PREFIX)) {
            return loader.load(Path.of(location));
        }
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new ConfigException(SpringSettings.HANDLERS + "=" + location + ": cannot read the handler bindings ("
                    + e.getMessage() + "); give a file, or classpath:NAME for a resource of the application");
        }
    }

    /** Actuator's health shows the worker's readiness as {@code qvarnmr}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "qvarnmrHealthIndicator")
        QvarnMrHealthIndicator qvarnmrHealthIndicator(QvarnMr worker) {
            return new QvarnMrHealthIndicator(worker.healthCheck());
        }
    }
}
