package org.qvarnmr.camel.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.hc.core5.util.VersionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The OSGi bundle (target/qvarnmr-camel-bundle.jar) and its feature, as the build made them. */
class BundleManifestIT {
    private static Attributes manifest;
    private static Set<String> classPackages;
    private static Set<String> entries;

    @BeforeAll
    static void read() throws Exception {
        Path bundle = Path.of(System.getProperty("qvarnmr.bundle", "target/qvarnmr-camel-bundle.jar"));
        try (JarFile jar = new JarFile(bundle.toFile())) {
            manifest = jar.getManifest().getMainAttributes();
            classPackages = new TreeSet<>();
            entries = new TreeSet<>();
            jar.stream().forEach(e -> {
                entries.add(e.getName());
                if (e.getName().endsWith(".class")) {
                    classPackages.add(e.getName().substring(0, e.getName().lastIndexOf('/')).replace('/', '.'));
                }
            });
        }
    }

    /** Header clauses by package name, each with its attributes and directives as written. */
    private static Map<String, String> clauses(String header) {
        Map<String, String> clauses = new LinkedHashMap<>();
        String value = manifest.getValue(header);
        if (value == null) {
            return clauses;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        for (String part : parts) {
            int semi = part.indexOf(';');
            clauses.put((semi < 0 ? part : part.substring(0, semi)).strip(), semi < 0 ? "" : part.substring(semi + 1));
        }
        return clauses;
    }

    @Test
    void shouldBeABundleWithItsBlueprint() {
        assertThat(manifest.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("org.qvarnmr.camel");
        assertThat(manifest.getValue("Bundle-Blueprint")).isEqualTo("OSGI-INF/blueprint/qvarnmr-camel.xml");
        assertThat(entries).contains("OSGI-INF/blueprint/qvarnmr-camel.xml");
        assertThat(manifest.getValue("Main-Class")).as("the bundle is not the runnable jar").isNull();
    }

    @Test
    void shouldExportOnlyTheHandlerApiTheBindingsAndTheClient() {
        assertThat(clauses("Export-Package").keySet()).containsExactlyInAnyOrder(
                "org.qvarnmr.camel.handler", "org.qvarnmr.camel.binding", "org.qvarnmr.camel.qvarn.client");
        assertThat(clauses("Export-Package").get("org.qvarnmr.camel.handler")).contains("version=\"0.1.0.SNAPSHOT\"");
    }

    @Test
    void shouldKeepTheWorkerPrivateAndLeaveOutTheCommandLineServerAndTestSupport() {
        assertThat(classPackages).containsExactlyInAnyOrder(
                "org.qvarnmr.camel.binding", "org.qvarnmr.camel.component", "org.qvarnmr.camel.config", "org.qvarnmr.camel.engine",
                "org.qvarnmr.camel.engine.state", "org.qvarnmr.camel.handler", "org.qvarnmr.camel.handler.builtin",
                "org.qvarnmr.camel.karaf", "org.qvarnmr.camel.metrics", "org.qvarnmr.camel.qvarn.client",
                "org.qvarnmr.camel.route", "org.qvarnmr.camel.worker");
    }

    @Test
    void shouldImportWhatCamelKarafProvidesAndNothingElse() {
        Map<String, String> imports = clauses("Import-Package");
        assertThat(imports.get("org.apache.hc.client5.http.ssl")).isEqualTo("version=\"[5.5,6)\"");
        assertThat(imports.get("org.apache.hc.core5.http")).isEqualTo("version=\"[5.3,6)\"");
        assertThat(imports.keySet()).allSatisfy(p -> assertThat(p).matches(
                "org\\.apache\\.camel(\\..+)?|com\\.fasterxml\\.jackson\\..+|org\\.apache\\.hc\\..+|org\\.slf4j"
                        + "|org\\.yaml\\.snakeyaml(\\..+)?|com\\.nimbusds\\.jwt|javax\\.net\\.ssl|org\\.osgi\\.service\\.blueprint"
                        + "|org\\.qvarnmr\\.camel\\.(handler|binding|qvarn\\.client)|org\\.quartz|io\\.(micrometer|prometheus)\\..+"));
        imports.forEach((p, attrs) -> {
            if (p.startsWith("io.micrometer") || p.startsWith("io.prometheus")) {
                assertThat(attrs).as(p + ": Karaf's Camel feature has no Micrometer").contains("resolution:=optional");
            }
        });
        imports.forEach((p, attrs) -> {
            if (p.startsWith("org.apache.camel")) {
                assertThat(attrs).as(p).isEqualTo("version=\"[4.14,5)\"");
            }
            if (p.startsWith("com.fasterxml.jackson")) {
                assertThat(attrs).as(p).isEqualTo("version=\"[2.16,3)\"");
            }
        });
        assertThat(imports).containsKeys("org.apache.camel", "com.fasterxml.jackson.databind",
                "org.apache.hc.client5.http.impl.classic", "org.yaml.snakeyaml", "com.nimbusds.jwt", "org.slf4j");
        assertThat(manifest.getValue("DynamicImport-Package")).isEqualTo("*");
    }

    @Test
    void shouldInstallTheBundleWithTheCamelFeaturesItNeeds() throws Exception {
        Path features = Path.of(System.getProperty("qvarnmr.features", "target/karaf/features.xml"));
        String text = Files.readString(features);
        assertThat(text).doesNotContain("${");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(features.toFile());
        Element feature = (Element) doc.getElementsByTagName("feature").item(0);
        assertThat(feature.getAttribute("name")).isEqualTo("qvarnmr-camel");
        List<String> needs = new ArrayList<>();
        List<String> bundles = new ArrayList<>();
        NodeList children = feature.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                (e.getTagName().equals("feature") ? needs : bundles).add(e.getTextContent().strip());
            }
        }
        assertThat(needs).containsExactly("camel-core", "camel-blueprint", "camel-jackson", "camel-http", "camel-jsonpath");
        String httpclient = VersionInfo.loadVersionInfo("org.apache.hc.client5", getClass().getClassLoader())
                .getRelease();
        assertThat(bundles).hasSize(4);
        assertThat(bundles.get(0)).as("the HttpClient the client is compiled with")
                .startsWith("wrap:mvn:org.apache.httpcomponents.client5/httpclient5/" + httpclient + "$")
                .endsWith("Bundle-Version=" + httpclient);
        assertThat(bundles.subList(1, 4)).containsExactly("mvn:org.yaml/snakeyaml/2.5",
                "mvn:com.nimbusds/nimbus-jose-jwt/10.4", "mvn:org.qvarnmr/qvarnmr-camel/0.1.0-SNAPSHOT/jar/bundle");
        assertThat(doc.getElementsByTagName("repository").item(0).getTextContent())
                .isEqualTo("mvn:org.apache.camel.karaf/apache-camel/4.14.5/xml/features");
    }
}
