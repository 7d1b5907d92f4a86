package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** {@link SourceRows}: pages of sources with their rows, the next read while one is worked on, none lost to a failed read. */
class SourceRowsTest {
    private static final int PAGE = 10;
    /** The first page's 10 rows fill a page of the row search, so it takes a second, empty one. */
    private static final int PAGE_ONE_ROW_SEARCHES = 2;
    private static final HandlerBinding MAP = new BindingsLoader(HandlerResolver.NONE).parse("""
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            """, "counts.yaml").mapHandlersOf("reports").get(0);

    private QvarnMrHarness qvarn;
    private ExecutorService pool;
    /** The reports, in Qvarn's id order, each with one map row. */
    private List<String> ids;

    @BeforeEach
    void start() throws IOException {
        qvarn = TestQvarn.start();
        pool = Executors.newSingleThreadExecutor();
        for (int i = 0; i < 25; i++) {
            String id = qvarn.create("reports", "{\"org\": \"o" + i % 3 + "\"}");
            qvarn.create("reports_counts__map", "{\"_mr_source_type\": \"reports\", \"_mr_source_id\": \"" + id
                    + "\", \"_mr_key\": \"o" + i % 3 + "\", \"_mr_version\": 1}");
        }
        // In Qvarn's id order (its collation, not Java's).
        ids = qvarn.client().search(Search.on("reports").sort("id")).stream().map(r -> r.get("id").asText()).toList();
        assertThat(ids).hasSize(25);
        qvarn.server().stats().reset();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        qvarn.close();
    }

    private long sourceSearches() {
        return qvarn.server().stats().count("GET", "/reports/search");
    }

    private void assertPage(SourceRows.Page page, int from, int to, boolean last) {
        List<String> read = page.sources().stream().map(s -> s.get("id").asText()).toList();
        assertThat(read).isEqualTo(ids.subList(from, to));
        assertThat(page.rows().keySet()).containsExactlyInAnyOrderElementsOf(read);
        assertThat(page.orphans()).isEmpty();
        assertThat(page.last()).isEqualTo(last);
    }

    @Test
    void shouldReadTheNextPageWhileTheCallerWorksOnTheOneItTook() {
        SourceRows pages = new SourceRows(qvarn.client(), MAP, PAGE, pool);

        assertPage(pages.next(), 0, 10, false);
        // Nothing asked for the second page yet: it is read all the same.
        await().atMost(Duration.ofSeconds(10)).until(() -> sourceSearches() == 2);
        assertPage(pages.next(), 10, 20, false);
        assertPage(pages.next(), 20, 25, true);
        assertThat(pages.isDone()).isTrue();
        assertThat(sourceSearches()).isEqualTo(3);
    }

    @Test
    void shouldReadEveryPageWhenItIsAskedForWithoutAnExecutor() {
        SourceRows pages = new SourceRows(qvarn.client(), MAP, PAGE);

        assertPage(pages.next(), 0, 10, false);
        assertThat(sourceSearches()).isEqualTo(1);
        assertPage(pages.next(), 10, 20, false);
        assertPage(pages.next(), 20, 25, true);
    }

    @Test
    void shouldReadAPageAgainWhenItsRowSearchFailsAhead() {
        qvarn.server().faults().failMatching("GET", "/reports_counts__map/search", PAGE_ONE_ROW_SEARCHES, 1, 503);
        SourceRows pages = new SourceRows(qvarn.client(), MAP, PAGE, pool);

        assertPage(pages.next(), 0, 10, false);
        assertThatThrownBy(pages::next).isInstanceOf(QvarnException.class);
        assertPage(pages.next(), 10, 20, false);
        assertPage(pages.next(), 20, 25, true);
    }

    @Test
    void shouldReadAPageAgainWhenItsRowSearchFails() {
        qvarn.server().faults().failMatching("GET", "/reports_counts__map/search", PAGE_ONE_ROW_SEARCHES, 1, 503);
        SourceRows pages = new SourceRows(qvarn.client(), MAP, PAGE);

        assertPage(pages.next(), 0, 10, false);
        assertThatThrownBy(pages::next).isInstanceOf(QvarnException.class);
        assertPage(pages.next(), 10, 20, false);
        assertPage(pages.next(), 20, 25, true);
    }
}
