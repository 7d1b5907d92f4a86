package org.qvarnmr.camel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The side-by-side settings.
 *
 * @param original         the original worker's folder (its {@code worker.sh})
 * @param qvarnKit         the real Qvarn's test kit (its {@code reset.sh}, run with this process's environment:
 *                         {@code QVARN_PORT}, {@code QVARN_PG_PORT})
 * @param jar              this worker's jar, run as {@code java -jar} ({@code JDK_JAVA_OPTIONS} reaches it)
 * @param launcher         null, or the launcher that runs this worker instead ({@code scripts/qvarnmr}, given
 *                         {@code QVARNMR_JAR})
 * @param runs             measured runs of each worker
 * @param capacityRequests most requests per capacity cell (0: no capacity probe)
 * @param capacityTime     most time per capacity cell
 * @param runTimeout       most time one worker process may take
 */
public record SideBySideOptions(Path original, Path qvarnKit, Path jar, Path launcher, int runs, int capacityRequests,
                                Duration capacityTime, Duration runTimeout) {
    public SideBySideOptions {
        if (original == null || !Files.isExecutable(original.resolve("worker.sh"))) {
            throw new IllegalArgumentException("--original must be the original worker's folder with worker.sh "
                    + "(the runnable copy of the original), got " + original);
        }
        if (qvarnKit == null || !Files.isExecutable(qvarnKit.resolve("reset.sh"))) {
            throw new IllegalArgumentException("--qvarn-kit must be the real Qvarn test kit's folder with reset.sh "
                    + "(the Qvarn 0.82 kit with start.sh, reset.sh, stop.sh), got " + qvarnKit);
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar " + jar + " is not a file: build it with 'mvn -B -o -q package "
                    + "-DskipTests'");
        }
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--launcher " + launcher + " is not an executable file (scripts/qvarnmr)");
        }
        if (runs < 1 || runs > 20) {
            throw new IllegalArgumentException("--runs must be within 1..20, got " + runs);
        }
        if (capacityRequests < 0) {
            throw new IllegalArgumentException("--capacity-requests must be 0 (no probe) or more, got " + capacityRequests);
        }
    }
}
