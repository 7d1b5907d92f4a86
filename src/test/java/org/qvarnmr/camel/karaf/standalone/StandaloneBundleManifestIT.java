package org.qvarnmr.camel.karaf.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The standalone bundle as the build made it: what it embeds, imports and exports. */
@EnabledIfSystemProperty(named = "qvarnmr.standaloneBundle", matches = ".+") // unset with -Dqvarnmr.no-standalone
class StandaloneBundleManifestIT {
    private static final Path BUNDLE = Path.of(System.getProperty("qvarnmr.standaloneBundle", ""));
    private static Attributes manifest;

    @BeforeAll
    static void read() throws Exception {
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            manifest = jar.getManifest().getMainAttributes();
        }
    }

    /** Clauses of a header, split at commas outside quoted version ranges. */
    private static List<String> clauses(String header) {
        String value = manifest.getValue(header);
        return value == null ? List.of()
                : Arrays.stream(value.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).map(String::strip).toList();
    }

    @Test
    void shouldRequireOnlyWhatAStockKarafProvides() {
        List<String> mandatory = clauses("Import-Package").stream()
                .filter(c -> !c.contains("resolution:=optional")).map(c -> c.split(";")[0]).toList();

        assertThat(mandatory).containsExactlyInAnyOrder("org.osgi.framework", "org.osgi.service.cm", "org.slf4j",
                "javax.net.ssl");
        assertThat(clauses("Import-Package")).noneMatch(c -> c.startsWith("org.apache.camel")
                || c.startsWith("com.fasterxml.jackson") || c.startsWith("org.apache.hc.") || c.startsWith("org.yaml")
                || c.startsWith("io.micrometer") || c.startsWith("org.qvarnmr") || c.startsWith("picocli"));
        assertThat(manifest.getValue("Export-Package")).isNull();
        assertThat(manifest.getValue("Bundle-Activator")).isEqualTo(QvarnMrActivator.class.getName());
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("org.qvarnmr.camel.standalone");
    }

    @Test
    void shouldCarryCamelsDiscoveryFilesInItsEmbeddedJars() throws Exception {
        List<String> classPath = clauses("Bundle-ClassPath");
        assertThat(classPath).first().isEqualTo(".");
        assertThat(classPath).anyMatch(e -> e.matches("lib/camel-core-engine-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/camel-timer-.*\\.jar")).anyMatch(e -> e.matches("lib/jackson-databind-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/httpclient5-.*\\.jar")).anyMatch(e -> e.matches("lib/snakeyaml-.*\\.jar"));
        assertThat(classPath).noneMatch(e -> e.contains("slf4j") || e.contains("logback") || e.contains("picocli"));

        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            for (String entry : classPath.subList(1, classPath.size())) {
                assertThat(jar.getEntry(entry)).as(entry).isNotNull();
            }
            String timer = classPath.stream().filter(e -> e.contains("camel-timer-")).findFirst().orElseThrow();
            assertThat(entriesOf(jar, timer)).contains("META-INF/services/org/apache/camel/component/timer");
            String base = classPath.stream().filter(e -> e.matches("lib/camel-base-\\d.*")).findFirst().orElseThrow();
            assertThat(entriesOf(jar, base)).contains("META-INF/services/org/apache/camel/TypeConverterLoader");
        }
    }

    private static List<String> entriesOf(JarFile jar, String embedded) throws Exception {
        try (InputStream in = jar.getInputStream(jar.getEntry(embedded)); JarInputStream inner = new JarInputStream(in)) {
            ArrayList<String> names = new ArrayList<>();
            for (ZipEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
                names.add(e.getName());
            }
            return names;
        }
    }
}
