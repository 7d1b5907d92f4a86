package org.qvarnmr.camel.qvarn.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random writes (create, PUT, subresource PUT, delete) and random searches over a small vocabulary of
 * mixed-case values, lists and repeated leaf names: every served search must equal the plain scan, in
 * the same order, and the index's candidates must hold every hit. Fixed seed, bounded size.
 */
class SearchIndexRandomTest {
    private static final long SEED = 20261127L;
    private static final int INITIAL = 150;
    private static final int STEPS = 1500;
    private static final String[] WORDS = {"Alpha", "alpha", "ALPHA", "beta", "Beta", "gamma", "a", "ab", "abc",
        "true", "False", "x_y", "x%y", "Ärrä", ""};
    private static final String[] FIELDS = {"name", "name", "names", "country", "country", "gov_org_id", "tags",
        "email", "sync_revision", "sync_id", "sync_source", "id", "id", "employees", "is_active", "rank"};
    private static final String[] OPERATORS = {"exact", "exact", "exact", "gt", "ge", "lt", "le", "startswith", "ne",
        "contains"};

    private final Random random = new Random(SEED);
    private final IndexedThings things = new IndexedThings();
    private final List<String> live = new ArrayList<>();
    private int indexed;

    @Test
    void shouldFindWhatTheScanFindsAfterAnyWrites() {
        for (int i = 0; i < INITIAL; i++) {
            live.add(things.create(body()));
        }
        for (int step = 0; step < STEPS; step++) {
            write();
            check(query());
            check(query());
        }
        // the served searches did use the index, not only the scan
        assertThat(indexed).isGreaterThan(STEPS / 2);
    }

    private void write() {
        double r = random.nextDouble();
        if (live.isEmpty() || r < 0.35) {
            live.add(things.create(body()));
        } else if (r < 0.6) {
            things.replace(pick(live), body());
        } else if (r < 0.8) {
            things.replaceSubresource(pick(live), "sync", sync());
        } else {
            String id = live.remove(random.nextInt(live.size()));
            things.delete(id);
        }
    }

    private void check(String criteria) {
        List<String> expected = things.scan(criteria);
        assertThat(things.search(criteria)).as(criteria).isEqualTo(expected);
        List<String> candidates = things.candidates(criteria);
        if (candidates != null) {
            assertThat(candidates).as(criteria).containsAll(expected);
            if (candidates.size() < things.store().size() / 4) {
                indexed++;
            }
        }
    }

    private String query() {
        List<String> clauses = new ArrayList<>();
        int conditions = random.nextInt(4);
        for (int i = 0; i < conditions; i++) {
            String field = pick(FIELDS);
            String value = "id".equals(field) && !live.isEmpty() ? idValue() : encode(mixCase(pick(WORDS)));
            clauses.add(pick(OPERATORS) + "/" + field + "/" + value);
        }
        double r = random.nextDouble();
        if (r < 0.5) {
            clauses.add("sort/id/limit/" + random.nextInt(40) + (random.nextBoolean() ? "" : "/offset/" + random.nextInt(20)));
        } else if (r < 0.6) {
            clauses.add("sort/name/sort/id");
        } else if (clauses.isEmpty()) {
            clauses.add("show_all");
        }
        return String.join("/", clauses);
    }

    /** An existing id, a prefix of one, or one in upper case: ranges and exact matches on ids. */
    private String idValue() {
        String id = pick(live);
        String value = random.nextBoolean() ? id : id.substring(0, 1 + random.nextInt(id.length()));
        return random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value;
    }

    private String body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        maybe(() -> body.put("name", pick(WORDS)));
        maybe(() -> body.put("country", pick(WORDS)));
        maybe(() -> body.put("employees", random.nextInt(5)));
        maybe(() -> body.put("is_active", random.nextBoolean()));
        maybe(() -> words(body.putArray("names")));
        maybe(() -> {
            for (int i = random.nextInt(3); i > 0; i--) {
                ObjectNode gov = body.withArray("gov_org_ids").addObject();
                maybe(() -> gov.put("country", pick(WORDS)));
                maybe(() -> gov.put("gov_org_id", pick(WORDS)));
                maybe(() -> words(gov.putArray("tags")));
                maybe(() -> gov.putArray("contacts").addObject().put("email", pick(WORDS)).put("rank", random.nextInt(5)));
            }
        });
        return body.toString();
    }

    private String sync() {
        ObjectNode sync = JsonNodeFactory.instance.objectNode();
        maybe(() -> sync.put("sync_revision", pick(WORDS)));
        maybe(() -> sync.put("sync_count", random.nextInt(5)));
        maybe(() -> sync.putArray("sync_sources").addObject().put("sync_source", pick(WORDS)).put("sync_id", pick(WORDS)));
        return sync.toString();
    }

    private void words(ArrayNode list) {
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(pick(WORDS));
        }
    }

    private void maybe(Runnable action) {
        if (random.nextInt(4) > 0) {
            action.run();
        }
    }

    private String mixCase(String word) {
        int r = random.nextInt(3);
        return r == 0 ? word : r == 1 ? word.toUpperCase(Locale.ROOT) : word.toLowerCase(Locale.ROOT);
    }

    /** As a client sends a value: {@code %}, {@code _} and non-ASCII percent-encoded. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("_", "%5F");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
