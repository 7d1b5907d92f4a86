package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar still runs on its own: preview works, and the test-only JUnit API is not inside; the plain
 * main artifact carries only the project's own classes.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("qvarnmr.jar", "target/qvarnmr-camel.jar"));

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private Run run(List<String> javaArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaArgs);
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldPreviewWithTheShadedJar() throws Exception {
        Path resource = Files.writeString(dir.resolve("report.json"), "{\"org\": \"o-1\"}");

        Run run = java("preview", "config/handlers.yaml", "--source", "reports", "--resource", resource.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("reports_counts__map <- reports: item(key=org) (version 1)")
                .contains("{\"key\":\"o-1\",\"value\":null}");
    }

    @Test
    void shouldExitTwoOnABadResourceFile() throws Exception {
        Run run = java("preview", "config/handlers.yaml", "--source", "reports", "--resource", "missing.json");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("missing.json: file not found");
    }

    @Test
    void shouldLoadHandlersFromTheClassPathBesideTheJar() throws Exception {
        // As the README says for users' handler jars: java -cp qvarnmr-camel.jar:my-handlers.jar MAIN ARGS
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), """
                reports_counts__map:
                  reports: {type: map, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.FailOnBoom}}
                reports_counts:
                  reports_counts__map: {type: reduce, version: 1, handler: count}
                """);
        String classPath = JAR + File.pathSeparator + Path.of("target", "test-classes");

        Run run = run(List.of("-cp", classPath, "org.qvarnmr.camel.QvarnMrApplication", "validate", handlers.toString()));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("OK, 2 handlers").contains("class(org.qvarnmr.camel.it.handlers.FailOnBoom)");
    }

    @Test
    void shouldNotShadeTheJUnitApi() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/junit/") || n.startsWith("org/opentest4j/")))
                    .isEmpty();
            assertThat(jar.getEntry("org/qvarnmr/camel/testing/QvarnMrHarness.class")).isNotNull();
        }
    }

    @Test
    void shouldKeepDependenciesAndLoggingConfigurationOutOfThePlainArtifact() throws Exception {
        Path plain = Path.of(System.getProperty("qvarnmr.plainJar", "target/qvarnmr-camel-0.1.0-SNAPSHOT.jar"));
        try (JarFile jar = new JarFile(plain.toFile())) {
            assertThat(jar.getEntry("org/qvarnmr/camel/worker/QvarnMr.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/apache/") || n.startsWith("ch/qos/")))
                    .as("embedders get dependencies from the POM, not a second copy").isEmpty();
            assertThat(jar.getEntry("logback.xml")).as("an embedder's logging is its own").isNull();
        }
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getEntry("logback.xml")).isNotNull();
            assertThat(jar.getEntry("org/apache/camel/main/Main.class")).isNotNull();
        }
    }
}
