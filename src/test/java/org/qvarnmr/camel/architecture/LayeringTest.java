package org.qvarnmr.camel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md ("Layers") as rules on the compiled main classes; tests are not
 * imported (they may reach anything). The doc's table of layers is checked to be {@link #LAYERS}.
 */
class LayeringTest {
    static final String ROOT = "org.qvarnmr.camel";

    /** One layer: its name and its packages relative to {@link #ROOT}, each with its subpackages ("" is the root package alone). */
    record Layer(String name, List<String> packages) {
        String[] patterns() {
            return packages.stream().map(p -> p.isEmpty() ? ROOT : ROOT + "." + p + "..").toArray(String[]::new);
        }
    }

    /** Highest first: a layer may use its own packages and those of every layer below it, never one above. */
    static final List<Layer> LAYERS = List.of(
            new Layer("cli", List.of("", "cli", "bench")),
            new Layer("runner", List.of("runtime", "karaf", "testing", "springboot")),
            new Layer("worker", List.of("worker")),
            new Layer("route", List.of("route", "component", "metrics")),
            new Layer("engine", List.of("engine")),
            new Layer("binding", List.of("binding")),
            new Layer("handler", List.of("handler", "config")),
            new Layer("qvarn", List.of("qvarn.client")));

    /** The packages that must not import Camel: the rules, the bindings, the handler API, the settings, the client. */
    static final String[] CAMEL_FREE = {ROOT + ".engine..", ROOT + ".binding..", ROOT + ".handler..", ROOT + ".config..",
            ROOT + ".qvarn.client.."};

    /** Beside the layers: the embedded Qvarn, which uses nothing of the worker. */
    static final String SERVER = ROOT + ".qvarn.server..";

    /** The dev commands that start the embedded Qvarn on purpose (docs/architecture.md#layers). */
    static final List<String> SERVER_COMMANDS = List.of(ROOT + ".cli.QvarnServerCommand", ROOT + ".cli.DemoCommand");

    /** The top level: pom.xml, src, routes, config, README.md as specified, the docs and scripts, and data/ (git-ignored run output). */
    static final List<String> TOP_LEVEL = List.of("pom.xml", "src", "routes", "config", "README.md", "docs", "scripts",
            "data");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void shouldKeepCamelOutOfTheRulesTheBindingsTheHandlersTheSettingsAndTheClient() {
        noClasses().that().resideInAnyPackage(CAMEL_FREE)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..")
                .because("rules live in the engine, routing in the routes; Camel comes in from worker/ up")
                .check(MAIN);
    }

    @Test
    void shouldNeverLetALowerLayerReachAHigherOne() {
        layers().check(MAIN);
    }

    static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer layer : LAYERS) {
            layers = layers.layer(layer.name()).definedBy(layer.patterns());
        }
        layers = layers.whereLayer(LAYERS.get(0).name()).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
            layers = layers.whereLayer(LAYERS.get(i).name()).mayOnlyBeAccessedByLayers(above);
        }
        return layers;
    }

    @Test
    void shouldKeepTheEmbeddedQvarnOutOfEverythingButTheTestKitTheBenchmarkAndTheDevCommands() {
        noClasses().that().resideOutsideOfPackages(SERVER, ROOT + ".bench..", ROOT + ".testing..")
                .and(notOneOf(SERVER_COMMANDS))
                .should().dependOnClassesThat().resideInAPackage(SERVER)
                .because("the worker talks to a Qvarn over HTTP only, never to the embedded one")
                .check(MAIN);
    }

    @Test
    void shouldKeepTheEmbeddedQvarnFreeOfTheWorker() {
        noClasses().that().resideInAPackage(SERVER)
                .should().dependOnClassesThat(DescribedPredicate.describe("are of the worker",
                        c -> c.getPackageName().startsWith(ROOT + ".") && !c.getPackageName().startsWith(ROOT + ".qvarn.server")))
                .check(MAIN);
    }

    /** Each package is its own slice ({@code (**)} captures the whole sub-path), the embedded Qvarn's included. */
    @Test
    void shouldHaveNoPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** One Maven project, laid out as it was specified (hidden entries and Maven's target/ aside). */
    @Test
    void shouldKeepTheTopLevelAsSpecified() throws IOException {
        try (Stream<Path> top = Files.list(Path.of(""))) {
            assertThat(top.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.equals("target")))
                    .as("the project's top level").isSubsetOf(TOP_LEVEL);
        }
    }

    @Test
    void shouldListTheSameLayersInTheArchitectureDoc() throws IOException {
        assertThat(documentedLayers(Files.readString(Path.of("docs/architecture.md"))))
                .as("the table under '## Layers' in docs/architecture.md").isEqualTo(LAYERS);
    }

    /**
     * The rows of the first table after "## Layers": the layer's name in the first cell, its packages as
     * {@code `a/b/`} in the second ({@code `QvarnMrApplication`} is the root package).
     */
    static List<Layer> documentedLayers(String markdown) {
        int section = markdown.indexOf("\n## Layers\n");
        assertThat(section).as("a '## Layers' section").isNotNegative();
        List<Layer> layers = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.substring(section + 1).lines().skip(1).toList()) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            String name = cells[1].strip();
            if (name.equals("Layer") || name.startsWith("---")) {
                continue;
            }
            List<String> packages = new ArrayList<>();
            Matcher m = Pattern.compile("`([^`]+)`").matcher(cells[2]);
            while (m.find()) {
                String p = m.group(1);
                packages.add(p.equals("QvarnMrApplication") ? "" : p.replaceAll("/$", "").replace('/', '.'));
            }
            layers.add(new Layer(name.replace("`", ""), packages));
        }
        return layers;
    }

    private static DescribedPredicate<JavaClass> notOneOf(List<String> names) {
        return DescribedPredicate.describe("are not one of " + names,
                c -> names.stream().noneMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
    }
}
