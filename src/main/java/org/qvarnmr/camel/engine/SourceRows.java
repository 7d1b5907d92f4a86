package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * A map handler's sources page by page with their map rows, as the resync and verify read them: a page of
 * sources ({@code show_all}, keyset paging by id) and, in one more paged search, the map rows of exactly
 * that id range, grouped by source id. Rows whose source is not in the page are orphans (the source is gone).
 */
public final class SourceRows {
    private final QvarnClient qvarn;
    private final HandlerBinding binding;
    private final int pageSize;
    private final IdPages.Cursor cursor;

    public SourceRows(QvarnClient qvarn, HandlerBinding binding, int pageSize) {
        this.qvarn = qvarn;
        this.binding = binding;
        this.pageSize = pageSize;
        this.cursor = new IdPages.Cursor(Search.on(binding.source()).showAll(), pageSize);
    }

    /**
     * One page of sources and their rows.
     *
     * @param sources the sources read
     * @param rows    their map rows, and the orphans of the page's id range, by source id (in source order)
     * @param last    whether this was the last page
     */
    public record Page(List<ObjectNode> sources, Map<String, List<ObjectNode>> rows, boolean last) {
        /** The rows of {@code sourceId} (none when it has none). */
        public List<ObjectNode> rowsOf(String sourceId) {
            return rows.getOrDefault(sourceId, List.of());
        }

        /** The ids of sources that are gone but still have rows in this page's id range. */
        public List<String> orphans() {
            Set<String> read = new HashSet<>();
            sources.forEach(s -> read.add(s.get("id").asText()));
            return rows.keySet().stream().filter(id -> !read.contains(id)).toList();
        }

        /** How many map rows the page found. */
        public long rowCount() {
            return rows.values().stream().mapToLong(List::size).sum();
        }
    }

    public boolean isDone() {
        return cursor.isDone();
    }

    /** Reads the next page of sources, and the map rows of its id range. */
    public Page next() {
        String low = cursor.lastId();
        List<ObjectNode> sources = cursor.next(qvarn);
        String high = cursor.isDone() ? null : cursor.lastId();
        Search s = Search.on(binding.target()).exact(MrFields.SOURCE_TYPE, binding.source());
        if (low != null) {
            s = s.gt(MrFields.SOURCE_ID, low);
        }
        if (high != null) {
            s = s.le(MrFields.SOURCE_ID, high);
        }
        Map<String, List<ObjectNode>> bySource = new LinkedHashMap<>();
        IdPages.each(qvarn, s.showAll(), pageSize, rows -> {
            for (ObjectNode row : rows) {
                if (binding.source().equals(MrFields.text(row, MrFields.SOURCE_TYPE))) {
                    bySource.computeIfAbsent(MrFields.text(row, MrFields.SOURCE_ID), k -> new ArrayList<>()).add(row);
                }
            }
        });
        return new Page(sources, bySource, high == null);
    }
}
