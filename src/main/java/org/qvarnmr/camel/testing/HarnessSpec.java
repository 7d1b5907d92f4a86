package org.qvarnmr.camel.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * What a harness is started with: the resource types (folders and YAML texts), the bindings file, the
 * settings for every run and the OAuth2 client credentials (both null when Qvarn requires none).
 * Immutable: {@link QvarnMrHarness.Builder} and {@link QvarnMrTest} make one.
 */
record HarnessSpec(List<Path> typeFolders, List<String> typeYamls, String bindings, Map<String, String> settings,
        String clientId, String clientSecret) {
    private static final String LISTENERS_TYPE = """
            path: /qvarnmr_listeners
            type: qvarnmr_listener
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', instance: '', resource_type: '', listener_id: '',
                          owner: '', timestamp: ''}
            """;
    private static final String HANDLERS_TYPE = """
            path: /qvarnmr_handlers
            type: qvarnmr_handler
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', instance: '', target: '', source: '', version: 0}
            """;

    HarnessSpec {
        typeFolders = List.copyOf(typeFolders);
        typeYamls = List.copyOf(typeYamls);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** No types, the demo's bindings file, no settings, no credentials. */
    static HarnessSpec empty() {
        return new HarnessSpec(List.of(), List.of(), "config/handlers.yaml", Map.of(), null, null);
    }

    /** What the annotation says: its folders (files, else class path folders), bindings and settings. */
    static HarnessSpec of(QvarnMrTest test) {
        HarnessSpec spec = empty().withBindings(test.bindings());
        for (String folder : test.resourceTypes()) {
            spec = spec.withTypeFolder(KitFiles.folder(folder));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : test.settings()) {
            WorkerLauncher.putSetting(s, settings);
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            spec = spec.with(setting.getKey(), setting.getValue());
        }
        return spec;
    }

    HarnessSpec withTypeFolder(Path folder) {
        return new HarnessSpec(plus(typeFolders, folder), typeYamls, bindings, settings, clientId, clientSecret);
    }

    HarnessSpec withTypeYaml(String yaml) {
        return new HarnessSpec(typeFolders, plus(typeYamls, yaml), bindings, settings, clientId, clientSecret);
    }

    HarnessSpec withBindings(String fileOrResource) {
        return new HarnessSpec(typeFolders, typeYamls, fileOrResource, settings, clientId, clientSecret);
    }

    HarnessSpec with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(settings);
        changed.put(name, value);
        return new HarnessSpec(typeFolders, typeYamls, bindings, changed, clientId, clientSecret);
    }

    HarnessSpec withAuth(String id, String secret) {
        return new HarnessSpec(typeFolders, typeYamls, bindings, settings, id, secret);
    }

    /** Starts an embedded Qvarn with these types, adding the worker's own record types when they lack them. */
    QvarnMrHarness start() throws IOException {
        Set<String> paths = server(List.of()).build().resourceTypePaths(); // parses only; nothing is bound yet
        List<String> missing = new ArrayList<>();
        if (!paths.contains("qvarnmr_listeners")) {
            missing.add(LISTENERS_TYPE);
        }
        if (!paths.contains("qvarnmr_handlers")) {
            missing.add(HANDLERS_TYPE);
        }
        return on(server(missing).build().start());
    }

    /** A harness on a server started elsewhere: only the bindings, settings and credentials apply. */
    QvarnMrHarness on(EmbeddedQvarn started) throws IOException {
        Path workDir = Files.createTempDirectory("qvarnmr-test");
        QvarnClientSettings client = QvarnClientSettings.of(started.baseUrl());
        if (clientId != null) {
            client = client.withCredentials(clientId, Secret.of(clientSecret), List.of());
        }
        return new QvarnMrHarness(started, client, workDir, launcher(started, workDir));
    }

    /** Runs on this Qvarn, as instance {@code test}, with short retry delays, then these settings. */
    private WorkerLauncher launcher(EmbeddedQvarn started, Path workDir) {
        Map<String, String> runSettings = new LinkedHashMap<>();
        runSettings.put("qvarn.base-url", started.baseUrl().toString());
        runSettings.put("qvarnmr.instance", "test");
        runSettings.put("qvarnmr.poll-interval", "20ms");
        runSettings.put("qvarnmr.retry.delay", "20ms");
        runSettings.put("qvarnmr.retry.max-delay", "100ms");
        runSettings.put("qvarnmr.dead-letter-uri", "file:" + workDir.resolve(QvarnMrHarness.DEAD_LETTERS));
        runSettings.putAll(settings);
        return new WorkerLauncher(BindingsSource.file(bindings), runSettings, Map.of());
    }

    private EmbeddedQvarn.Builder server(List<String> extraYamls) {
        EmbeddedQvarn.Builder server = EmbeddedQvarn.builder();
        typeFolders.forEach(server::resourceTypesDir);
        typeYamls.forEach(server::resourceTypeYaml);
        extraYamls.forEach(server::resourceTypeYaml);
        if (clientId != null) {
            server.auth(clientId, clientSecret);
        }
        return server;
    }

    private static <T> List<T> plus(List<T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return longer;
    }
}
