package org.qvarnmr.camel.qvarn.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.store.IdGenerator;
import org.qvarnmr.camel.qvarn.server.store.ListenerStore;
import org.qvarnmr.camel.qvarn.server.store.NotificationClock;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.ResourceType;
import org.qvarnmr.camel.qvarn.server.store.ResourceTypeLoader;
import org.qvarnmr.camel.qvarn.server.store.StoredResource;

/**
 * Searches read precomputed values (through an index where one bounds them); at 10 000 resources a search
 * must stay well under 10 ms, and finds what the plain scan finds.
 */
class SearchAtScaleTest {
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

    private static List<StoredResource> search(String criteria) {
        SearchQuery query = new SearchParser().parse(criteria);
        List<StoredResource> hits = new SearchEngine().run(store, query);
        assertThat(hits).isEqualTo(new SearchEngine().scan(store, query));
        return hits;
    }

    // Speed belongs to the benchmark (a command that prints figures), never to a timed test: these check
    // that the searches the worker relies on stay right on a table of realistic size.
    @Test
    void shouldFindOneSourceAmongTenThousandRows() {
        assertThat(search("exact/_mr_source_id/source-4242")).singleElement()
                .satisfies(r -> assertThat(r.body().get("_mr_source_id").asText()).isEqualTo("source-4242"));
    }

    @Test
    void shouldCombineKeyAndFlagConditions() {
        assertThat(search("exact/_mr_key/key-17/exact/_mr_deleted/false")).hasSize(5);
        assertThat(search("exact/_mr_key/key-20/exact/_mr_deleted/true")).hasSize(5);
    }

    @Test
    void shouldServeTheResyncsPagesAsTheScanDoes() {
        List<StoredResource> first = search("show_all/sort/id/limit/500");
        String last = first.get(first.size() - 1).id();

        assertThat(search("gt/id/" + last + "/show_all/sort/id/limit/500")).hasSize(500)
                .allMatch(r -> r.id().compareTo(last) > 0);
        assertThat(search("exact/_mr_source_type/reports/gt/_mr_source_id/source-1000/le/_mr_source_id/source-1100"
                + "/gt/id/" + last + "/show_all/sort/id/limit/500")).isNotEmpty();
    }

    @Test
    void shouldSortAndPageAcrossTheWholeTable() {
        List<StoredResource> page = search("sort/_mr_source_id/limit/100/offset/100");
        assertThat(page).hasSize(100);
        List<String> ids = page.stream().map(r -> r.body().get("_mr_source_id").asText()).toList();
        assertThat(ids).isSorted();
    }
}
