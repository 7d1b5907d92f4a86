package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/qvarnmr}, the launcher beside the jar: the JVM options it gives one-shot and {@code -f} runs,
 * the class-data-sharing archive it writes and then maps, and the jar's exit codes passed through.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("scripts", "qvarnmr").toAbsolutePath();
    private static final Path JAR = Path.of("target", "qvarnmr-camel.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... command) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("QVARNMR_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("QVARNMR_LAUNCHER_SHOW", "yes");
        builder.environment().putAll(env);
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run launch(Map<String, String> env, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        return run(env, command.toArray(String[]::new));
    }

    @Test
    void shouldGiveARunThatEndsByItselfTheC1CompilerAndTheJarsOutput() throws Exception {
        Run version = launch(Map.of("QVARNMR_JAR", JAR.toString()), "--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("qvarnmr-camel ");
        assertThat(version.err()).contains(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ", "-jar " + JAR + " --version");
    }

    @Test
    void shouldLeaveAForeverWorkerTheJvmsDefaultsAndPassTheJarsExitCodeThrough() throws Exception {
        Run forever = launch(Map.of("QVARNMR_JAR", JAR.toString()), "validate", "missing.yaml", "-f");

        assertThat(forever.exit()).as("validate has no -f: the jar's usage error").isEqualTo(2);
        assertThat(forever.err()).contains("-jar " + JAR + " validate missing.yaml -f")
                .doesNotContain("TieredStopAtLevel");
    }

    @Test
    void shouldTakeTheOptionsOfQvarnmrJavaOptsInstead() throws Exception {
        Run run = launch(Map.of("QVARNMR_JAR", JAR.toString(), "QVARNMR_JAVA_OPTS", "-Xmx64m"), "--version");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains(" -Xmx64m -jar ").doesNotContain("TieredStopAtLevel");
    }

    @Test
    void shouldWriteAClassDataSharingArchiveBesideTheJarThatTheJvmMaps() throws Exception {
        Path jar = Files.copy(JAR, dir.resolve("qvarnmr-camel.jar"));
        Path archive = dir.resolve("qvarnmr-camel.jsa");

        Run create = launch(Map.of("QVARNMR_JAR", jar.toString()), "--create-cds-archive");

        assertThat(create.exit()).as(create.out() + create.err()).isZero();
        assertThat(create.out()).contains("wrote " + archive);
        assertThat(archive).isRegularFile();
        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("no temporary archive left")
                    .containsExactlyInAnyOrder("qvarnmr-camel.jar", "qvarnmr-camel.jsa", "out.txt", "err.txt");
        }
        // -Xshare:on fails the JVM unless it maps the archive for this jar.
        Run mapped = run(Map.of(), System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "--version");
        assertThat(mapped.exit()).as(mapped.out() + mapped.err()).isZero();
        Run launched = launch(Map.of("QVARNMR_JAR", jar.toString()), "--version");
        assertThat(launched.err()).contains("-XX:SharedArchiveFile=" + archive + " -Xshare:auto");
        assertThat(launched.out()).startsWith("qvarnmr-camel ");
    }

    @Test
    void shouldSayWhereItLookedWhenThereIsNoJar() throws Exception {
        Run run = launch(Map.of("QVARNMR_JAR", dir.resolve("nowhere.jar").toString()), "--version");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no qvarnmr-camel.jar", "set QVARNMR_JAR");
    }
}
