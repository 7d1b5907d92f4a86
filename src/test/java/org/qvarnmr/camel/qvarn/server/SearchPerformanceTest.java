package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Searches scan precomputed values; at 10 000 resources a search must stay well under 10 ms. */
class SearchPerformanceTest {
    private static final int ROWS = 10_000;
    private static ResourceStore store;

    @BeforeAll
    static void fill() {
        ResourceType type = new ResourceTypeLoader().load(Path.of("config/resource-types/company_reports__map.yaml"));
        IdGenerator ids = new IdGenerator();
        store = new ResourceStore(type, ids, new ListenerStore(type.name(), ids, new NotificationClock(Clock.systemUTC())));
        for (int i = 0; i < ROWS; i++) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("type", type.name());
            body.put("_mr_key", "key-" + (i % 2_000));
            body.put("_mr_source_id", "source-" + i);
            body.put("_mr_source_type", "reports");
            body.put("_mr_value", "{\"n\": " + i + "}");
            body.put("_mr_version", 1);
            body.put("_mr_deleted", i % 10 == 0);
            store.create(body);
        }
    }

    private static double medianMillis(String criteria) {
        SearchParser parser = new SearchParser();
        SearchEngine engine = new SearchEngine();
        long[] nanos = new long[40];
        for (int round = -20; round < nanos.length; round++) {
            long start = System.nanoTime();
            List<StoredResource> hits = engine.run(store, parser.parse(criteria));
            long took = System.nanoTime() - start;
            assertThat(hits).isNotEmpty();
            if (round >= 0) {
                nanos[round] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }

    @Test
    void shouldFindBySourceIdQuickly() {
        assertThat(medianMillis("exact/_mr_source_id/source-4242")).isLessThan(10);
    }

    @Test
    void shouldFindByKeyAndFlagQuickly() {
        assertThat(medianMillis("exact/_mr_key/key-17/exact/_mr_deleted/false")).isLessThan(10);
    }

    @Test
    void shouldSortAndPageQuickly() {
        assertThat(medianMillis("sort/_mr_key/limit/100/offset/100")).isLessThan(50);
    }
}
