package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qvarn's access log: lines after a mark, summed per route template as the worker's client names them. */
class AccessLogTest {
    @TempDir
    Path dir;

    @Test
    void shouldSumTheServersTimePerRouteAfterTheMark() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "POST /reports 201 20ms\n");
        AccessLog log = new AccessLog(file);
        long mark = log.mark();
        Files.writeString(file, String.join("\n",
                "GET /reports/abcd-0123-ef 200 12ms",
                "GET /reports/abcd-0124-ef 200 8ms",
                "GET /reports_counts__map/search/show_all/exact/_mr_key/x 200 30ms",
                "GET /reports/listeners/l1/notifications 200 40ms",
                "DELETE /reports/listeners/l1/notifications/n1 200 9ms",
                "POST /auth/token 200 85ms",
                "garbage") + "\n", java.nio.file.StandardOpenOption.APPEND);

        AccessLog.ServerTimes times = log.since(mark, 6, 1000);

        assertThat(times.byRoute().get("GET /reports/{id}")).containsExactly(2, 20);
        assertThat(times.byRoute().get("GET /reports_counts__map/search")).containsExactly(1, 30);
        assertThat(times.byRoute().get("GET /reports/listeners/{lid}/notifications")).containsExactly(1, 40);
        assertThat(times.byRoute().get("DELETE /reports/listeners/{lid}/notifications/{nid}")).containsExactly(1, 9);
        assertThat(times.byRoute()).containsKey("POST /auth/token").doesNotContainKey("POST /reports");
        assertThat(times.unparsed()).isEqualTo(1);
        assertThat(times.millis()).isEqualTo(184);
    }

    @Test
    void shouldRefuseAMissingFileNamingIt() {
        assertThatThrownBy(() -> new AccessLog(dir.resolve("nope.log")))
                .hasMessageContaining("nope.log").hasMessageContaining("access.log");
    }
}
