package org.qvarnmr.camel.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.config.ConfigException;

/** Dead letters in a folder: written whole or not at all, readable by the worker's user only; checked at start. */
class DeadLetterFolderTest {
    @TempDir
    Path dir;

    private long files(Path folder) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.count();
        }
    }

    @Test
    void shouldWriteALetterWholeAndReadableByItsUserOnly() throws Exception {
        Path letter = DeadLetterFolder.write(dir.resolve("dl"), "a.json", "{\"x\": 1}".getBytes(StandardCharsets.UTF_8));

        assertThat(letter).hasContent("{\"x\": 1}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(letter))).isEqualTo("rw-------");
        assertThat(files(dir.resolve("dl"))).as("no temporary file left").isEqualTo(1);
    }

    @Test
    void shouldLeaveNothingWhenTheDiskFillsUpHalfWay() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("dl"));

        assertThatThrownBy(() -> DeadLetterFolder.write(folder, "a.json", out -> {
            out.write("{\"sourceType\": \"rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).hasMessage("No space left on device");

        assertThat(files(folder)).as("neither a cut-short letter nor a temporary file").isZero();
        assertThat(DeadLetterFolder.letters(folder)).isEmpty();
    }

    @Test
    void shouldNameTheFolderAndTheSettingWhenTheFolderCannotBeMade() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "a file");

        assertThatThrownBy(() -> DeadLetterFolder.check("file:" + file.resolve("dl")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the dead-letter folder " + file.resolve("dl") + " (qvarnmr.dead-letter-uri) cannot be "
                        + "written: Not a directory (" + file.resolve("dl") + "); make it a folder the "
                        + "worker's user can write, or point qvarnmr.dead-letter-uri at one");
    }

    @Test
    void shouldMakeTheFolderAndLeaveNoProbeBehind() throws Exception {
        DeadLetterFolder.check("file:" + dir.resolve("new/dl"));

        assertThat(dir.resolve("new/dl")).isDirectory();
        assertThat(files(dir.resolve("new/dl"))).isZero();
    }

    /** Two workers of one Karaf (or one JVM) share the default folder and check it as they start together. */
    @Test
    void shouldLetWorkersThatStartTogetherCheckOneFolder() throws Exception {
        String uri = "file:" + dir.resolve("dl");
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CyclicBarrier together = new CyclicBarrier(workers);
            List<Future<?>> checks = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                checks.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        together.await(10, TimeUnit.SECONDS);
                        DeadLetterFolder.check(uri);
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(60, TimeUnit.SECONDS); // throws the ConfigException of a probe another worker removed
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(files(dir.resolve("dl"))).isZero();
    }

    @Test
    void shouldRefuseOptionsOnAFileEndpointAndLeaveOtherEndpointsAlone() {
        assertThatThrownBy(() -> DeadLetterFolder.check("file:" + dir + "?fileExist=Append"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has options");
        DeadLetterFolder.check("mock:dead-letters");
    }

    @Test
    void shouldShowAnEndpointWithoutItsUserInfoOrPassword() {
        assertThat(DeadLetterFolder.shown("sftp://worker:pw@files.example/dl?password=pw&binary=true"))
                .doesNotContain("worker", "pw").contains("files.example/dl", "binary=true");
    }
}
