package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.qvarn.client.Secret;

/** The INI both workers of a side-by-side run read: the secret in the file only, never in what is printed. */
class WorkerIniTest {
    private static final String SECRET = "s3cret-value-42";

    private final WorkerIni ini = new WorkerIni(URI.create("http://127.0.0.1:9387"), "qvarn-test", Secret.of(SECRET),
            "bench", Map.of("qvarn.threads", "8", "qvarnmr.batch_size", "500"));

    @Test
    void shouldWriteTheOriginalsSectionsWithAnEmptyScopeAndTheSecretReadableByTheOwnerOnly(@TempDir Path dir)
            throws Exception {
        Path file = ini.write(dir.resolve("worker.ini"));

        String text = Files.readString(file);
        assertThat(text).startsWith("[qvarn]\nbase_url = http://127.0.0.1:9387\nclient_id = qvarn-test\nclient_secret = "
                + SECRET + "\nverify_requests = no\nscope = \n").contains("[qvarnmr]\ninstance = bench\n")
                .contains("threads = 8").contains("batch_size = 500");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void shouldBeReadByThisWorkersConfigurationAsTheSameSettings(@TempDir Path dir) throws Exception {
        Map<String, ConfigSource.Value> values = ConfigSource.load(ini.write(dir.resolve("w.ini")), Map.of(),
                new java.util.Properties());

        assertThat(values.get(Settings.BASE_URL.name()).value()).isEqualTo("http://127.0.0.1:9387");
        assertThat(values.get(Settings.CLIENT_SECRET.name()).value()).isEqualTo(SECRET);
        assertThat(values.get(Settings.THREADS.name()).value()).isEqualTo("8");
        assertThat(values.get(Settings.BATCH_SIZE.name()).value()).isEqualTo("500");
    }

    @Test
    void shouldNeverShowTheSecretWhenDescribedOrPrinted() {
        assertThat(ini.describe()).doesNotContain(SECRET).contains("client_secret = ****");
        assertThat(ini.toString()).doesNotContain(SECRET).contains("****");
        assertThat(String.valueOf(ini.clientSecret())).doesNotContain(SECRET);
    }
}
