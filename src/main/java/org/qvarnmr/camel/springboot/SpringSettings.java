package org.qvarnmr.camel.springboot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The worker's settings from Spring's {@link Environment}, as the {@link ConfigSource} values every runner hands
 * to {@link org.qvarnmr.camel.config.WorkerSettings#from}: each setting of {@link Settings#ALL} under Spring's
 * relaxed names ({@code qvarnmr.keep-alive-timeout}, {@code qvarnmr.keepAliveTimeout},
 * {@code QVARNMR_KEEP_ALIVE_TIMEOUT}), the highest-priority source winning, with its origin
 * ({@code class path resource [application.yml] - 7:25}) for messages. Keys of {@code qvarn.*} and
 * {@code qvarnmr.*} that are no setting are passed on too, so the typo check and its "did you mean" stay
 * {@code WorkerSettings}'; as with {@code ConfigSource}, only known settings are read from the process's
 * environment variables and system properties, which hold other programs' keys too.
 *
 * @param handlers the handler bindings location ({@value #HANDLERS}): a file, or {@code classpath:NAME}
 * @param values   the worker's settings by their names in {@link Settings}
 */
public record SpringSettings(String handlers, Map<String, ConfigSource.Value> values) {
    /** The handler bindings file; setting it is what turns the worker on. */
    public static final String HANDLERS = "qvarnmr.handlers";
    private static final ConfigurationPropertyName HANDLERS_NAME = ConfigurationPropertyName.of(HANDLERS);
    private static final ConfigurationPropertyName QVARN = ConfigurationPropertyName.of("qvarn");
    private static final ConfigurationPropertyName QVARNMR = ConfigurationPropertyName.of("qvarnmr");

    public SpringSettings {
        values = Map.copyOf(values);
    }

    public static SpringSettings of(Environment environment) {
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        for (Setting setting : Settings.ALL) {
            find(sources, ConfigurationPropertyName.of(setting.name()))
                    .ifPresent(p -> values.put(setting.name(), value(p)));
        }
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable && !fromProcess(source)) {
                iterable.stream().filter(SpringSettings::unknown)
                        .forEach(name -> values.putIfAbsent(name.toString(), value(source.getConfigurationProperty(name))));
            }
        }
        String handlers = find(sources, HANDLERS_NAME).map(p -> String.valueOf(p.getValue()).strip()).orElse("");
        return new SpringSettings(handlers, values);
    }

    private static Optional<ConfigurationProperty> find(Iterable<ConfigurationPropertySource> sources,
            ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null && property.getValue() != null) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    /** In the worker's namespaces, yet neither a setting nor {@value #HANDLERS}. */
    private static boolean unknown(ConfigurationPropertyName name) {
        if (!QVARN.isAncestorOf(name) && !QVARNMR.isAncestorOf(name) || name.equals(HANDLERS_NAME)) {
            return false;
        }
        return Settings.ALL.stream().noneMatch(s -> ConfigurationPropertyName.of(s.name()).equals(name));
    }

    private static boolean fromProcess(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
                || source.getUnderlyingSource() instanceof org.springframework.core.env.PropertySource<?> p
                && StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(p.getName());
    }

    private static ConfigSource.Value value(ConfigurationProperty property) {
        Object origin = property.getOrigin();
        return new ConfigSource.Value(String.valueOf(property.getValue()).strip(),
                origin != null ? origin.toString() : "Spring property " + property.getName());
    }
}
