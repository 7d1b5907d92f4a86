package org.qvarnmr.camel.karaf;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;

/**
 * One ConfigAdmin configuration as the worker reads it under Karaf, for both ways it runs there (the
 * Blueprint bean {@link QvarnMrBlueprintSupport} and the standalone bundle's activator): the same keys as
 * {@code application.properties} (checked by {@link WorkerSettings#from}, so a mistyped {@code qvarnmr.*} key
 * is refused), plus {@value #HANDLERS}. The framework's own keys ({@code service.pid}, fileinstall's file name)
 * are left out; blank values count as unset, so their defaults apply; {@code _} in a key reads as {@code -}.
 *
 * @param origin   where the values came from, for error messages: the {@code .cfg} file, else the PID
 * @param handlers the handler bindings file
 * @param values   the worker's settings, blank values dropped so that their defaults apply
 */
public record ConfigAdminSettings(String origin, Path handlers, Map<String, ConfigSource.Value> values) {
    /** The handler bindings file; a relative path is resolved against Karaf's {@code etc} folder. */
    public static final String HANDLERS = "qvarnmr.handlers";
    public static final String DEFAULT_HANDLERS = "qvarnmr-handlers.yaml";
    /** Keys ConfigAdmin and Felix fileinstall add to every configuration. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename", "component.name", "component.id");

    public ConfigAdminSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param pid        the configuration's PID, named in messages when it has no file
     * @param properties ConfigAdmin's properties
     * @param karafEtc   Karaf's {@code etc} folder ({@code karaf.etc}), or null outside Karaf
     */
    public static ConfigAdminSettings of(String pid, Dictionary<String, ?> properties, String karafEtc) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        return ofMap(pid, map, karafEtc);
    }

    /** The same from a map: Blueprint's placeholders of the PID's keys, or an embedding application's. */
    public static ConfigAdminSettings ofMap(String pid, Map<String, ?> properties, String karafEtc) {
        Object file = properties.get("felix.fileinstall.filename");
        String origin = file == null ? "ConfigAdmin PID " + pid : fileName(file.toString());
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        String handlers = DEFAULT_HANDLERS;
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (FRAMEWORK_KEYS.contains(key) || value == null || value.toString().isBlank()) {
                continue;
            }
            if (key.equals(HANDLERS)) {
                handlers = value.toString().strip();
            } else {
                values.put(key.replace('_', '-'), new ConfigSource.Value(value.toString().strip(), origin));
            }
        }
        Path path = Path.of(handlers);
        if (!path.isAbsolute() && karafEtc != null) {
            path = Path.of(karafEtc).resolve(path);
        }
        return new ConfigAdminSettings(origin, path, values);
    }

    /** Without {@code qvarn.base-url} there is nothing to connect to: the worker stays idle. */
    public boolean configured() {
        return values.containsKey(Settings.BASE_URL.name());
    }

    /** Parses and checks the settings as the command line does; throws {@link org.qvarnmr.camel.config.ConfigException}. */
    public WorkerSettings workerSettings(Collection<String> requiredScopes) {
        return WorkerSettings.from(values, requiredScopes);
    }

    /** Keys that only Camel Main reads ({@code camel.*} and other non-worker keys): the bundle has no Camel Main. */
    public List<String> ignoredKeys(WorkerSettings settings) {
        return List.copyOf(settings.operations().camelProperties().keySet());
    }

    private static String fileName(String url) {
        try {
            return Path.of(URI.create(url)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return url;
        }
    }
}
