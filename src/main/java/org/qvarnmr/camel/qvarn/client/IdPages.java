package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Keyset paging by id, the one way the worker reads a whole type: each page is the next {@code pageSize}
 * rows after the last id read, sorted by id, so a page stays right while other rows come and go (offsets
 * would skip rows when others are deleted meanwhile). {@link Cursor} pages a walk done one page per step.
 */
public final class IdPages {
    private IdPages() {
    }

    /** Hands each page of {@code search} to {@code each}, in order. */
    public static void each(QvarnClient qvarn, Search search, int pageSize, Consumer<List<ObjectNode>> each) {
        Cursor cursor = new Cursor(search, pageSize);
        while (!cursor.isDone()) {
            each.accept(cursor.next(qvarn));
        }
    }

    /**
     * Runs {@code each} over every row {@code search} finds, page by page; stops early once it returns false.
     * Returns whether every row was seen.
     */
    public static boolean forEach(QvarnClient qvarn, Search search, int pageSize, Predicate<ObjectNode> each) {
        Cursor cursor = new Cursor(search, pageSize);
        while (!cursor.isDone()) {
            for (ObjectNode row : cursor.next(qvarn)) {
                if (!each.test(row)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Every row of {@code type} ({@code show_all}), or empty as soon as it has more than {@code maxRows}: then
     * at most {@code maxRows / pageSize + 1} pages were read.
     */
    public static Optional<List<ObjectNode>> upTo(QvarnClient qvarn, String type, int pageSize, int maxRows) {
        List<ObjectNode> rows = new ArrayList<>();
        boolean fits = forEach(qvarn, Search.on(type).showAll(), pageSize, row -> {
            rows.add(row);
            return rows.size() <= maxRows;
        });
        return fits ? Optional.of(rows) : Optional.empty();
    }

    /** The page of {@code search} after the id {@code after} (from the start when null). */
    public static List<ObjectNode> after(QvarnClient qvarn, Search search, String after, int pageSize) {
        return qvarn.search((after == null ? search : search.gt("id", after)).sort("id").limit(pageSize));
    }

    /** The id of a page's last row. */
    public static String lastId(List<ObjectNode> page) {
        return page.get(page.size() - 1).get("id").asText();
    }

    /** Where a walk over {@code search} stands: the last id read, and whether the last page was short. */
    public static final class Cursor {
        private final Search search;
        private final int pageSize;
        private String lastId;
        private boolean done;

        public Cursor(Search search, int pageSize) {
            this.search = search;
            this.pageSize = pageSize;
        }

        /** Reads the next page. */
        public List<ObjectNode> next(QvarnClient qvarn) {
            List<ObjectNode> page = after(qvarn, search, lastId, pageSize);
            if (!page.isEmpty()) {
                lastId = IdPages.lastId(page);
            }
            done = page.size() < pageSize;
            return page;
        }

        /** The id of the last row read so far; null before the first row. */
        public String lastId() {
            return lastId;
        }

        /** Whether the last page read was the last one (shorter than a page). */
        public boolean isDone() {
            return done;
        }
    }
}
