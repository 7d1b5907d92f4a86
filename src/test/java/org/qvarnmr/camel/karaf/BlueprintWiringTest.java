package org.qvarnmr.camel.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Blueprint file and the example .cfg stay in step with the settings and with QvarnMrBlueprintSupport. */
class BlueprintWiringTest {
    private static final String BLUEPRINT = "http://www.osgi.org/xmlns/blueprint/v1.0.0";
    private static final String CM = "http://aries.apache.org/blueprint/xmlns/blueprint-cm/v1.1.0";

    private static Document blueprint() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(Path.of("src/main/karaf/blueprint/qvarnmr-camel.xml").toFile());
    }

    private static List<String> settingNames() {
        List<String> names = new ArrayList<>(Settings.ALL.stream().map(Setting::name).toList());
        QvarnMrBlueprintSupport.extraSettings().forEach(s -> names.add(s.name()));
        return names;
    }

    @Test
    void shouldPassEverySettingFromConfigAdminToTheWorker() throws Exception {
        Document doc = blueprint();
        Map<String, String> entries = new LinkedHashMap<>();
        NodeList list = doc.getElementsByTagNameNS(BLUEPRINT, "entry");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            entries.put(e.getAttribute("key"), e.getAttribute("value"));
        }
        assertThat(entries.keySet()).containsExactlyElementsOf(settingNames());
        entries.forEach((key, value) -> assertThat(value).isEqualTo("${" + key + "}"));
    }

    @Test
    void shouldDefaultEverySettingSoAMissingKeyMeansTheBuiltInDefault() throws Exception {
        Document doc = blueprint();
        Element placeholder = (Element) doc.getElementsByTagNameNS(CM, "property-placeholder").item(0);
        assertThat(placeholder.getAttribute("persistent-id")).isEqualTo(QvarnMrBlueprintSupport.PID);
        assertThat(placeholder.getAttribute("update-strategy")).isEqualTo("reload");
        Map<String, String> defaults = new LinkedHashMap<>();
        NodeList list = doc.getElementsByTagNameNS(CM, "property");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            defaults.put(e.getAttribute("name"), e.getAttribute("value"));
        }
        assertThat(defaults.keySet()).containsExactlyElementsOf(settingNames());
        assertThat(defaults).containsEntry(QvarnMrBlueprintSupport.HANDLERS, QvarnMrBlueprintSupport.DEFAULT_HANDLERS);
    }

    @Test
    void shouldCreateTheWorkerWithTheCamelContextAndItsLifecycleMethods() throws Exception {
        Document doc = blueprint();
        Element bean = (Element) doc.getElementsByTagNameNS(BLUEPRINT, "bean").item(0);
        Class<?> type = Class.forName(bean.getAttribute("class"));
        assertThat(type).isEqualTo(QvarnMrBlueprintSupport.class);
        assertThat(type.getMethod(bean.getAttribute("init-method"))).isNotNull();
        assertThat(type.getMethod(bean.getAttribute("destroy-method"))).isNotNull();
        Element context = (Element) doc.getElementsByTagNameNS("http://camel.apache.org/schema/blueprint", "camelContext")
                .item(0);
        Element firstArgument = (Element) bean.getElementsByTagNameNS(BLUEPRINT, "argument").item(0);
        assertThat(firstArgument.getAttribute("ref")).isEqualTo(context.getAttribute("id"));
    }

    @Test
    void shouldShipAnExampleConfigurationWithOnlyKnownKeys() throws Exception {
        Properties cfg = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(Path.of("src/main/karaf/etc/org.qvarnmr.camel.cfg"))) {
            cfg.load(in);
        }
        assertThat(settingNames()).containsAll(cfg.stringPropertyNames());
        assertThat(cfg.stringPropertyNames()).contains("qvarn.base-url", "qvarnmr.instance", "qvarnmr.handlers");
    }
}
