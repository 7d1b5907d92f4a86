package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * A map handler's sources page by page with their map rows, as the resync and verify read them: a page of
 * sources ({@code show_all}, keyset paging by id) and, in one more paged search, the map rows of exactly
 * that id range, grouped by source id. Rows whose source is not in the page are orphans (the source is gone).
 *
 * <p>The walk moves on only once both searches of a page succeeded, so a page whose second search fails is
 * read again whole. With an executor, the next page is read while the caller works on the one it took
 * ({@link #readAhead()} starts the first): Qvarn's searches are serial work the writes of a page can hide.
 */
public final class SourceRows {
    private final QvarnClient qvarn;
    private final HandlerBinding binding;
    private final int pageSize;
    private final ReadAhead<Page> ahead;
    /** The last source id of the pages taken (null before the first): moved by the caller's thread only. */
    private String after;
    private boolean done;

    /** Reads each page when {@link #next()} asks for it. */
    public SourceRows(QvarnClient qvarn, HandlerBinding binding, int pageSize) {
        this(qvarn, binding, pageSize, null);
    }

    /** Reads each next page on {@code readAhead} while the caller works on the page it took. */
    public SourceRows(QvarnClient qvarn, HandlerBinding binding, int pageSize, Executor readAhead) {
        this.qvarn = qvarn;
        this.binding = binding;
        this.pageSize = pageSize;
        this.ahead = new ReadAhead<>(() -> read(after), readAhead);
    }

    /**
     * One page of sources and their rows.
     *
     * @param sources the sources read
     * @param rows    their map rows, and the orphans of the page's id range, by source id (in source order)
     * @param last    whether this was the last page
     * @param readAt  when its reading began ({@link System#nanoTime()}): a source mapped live after that is fresher
     */
    public record Page(List<ObjectNode> sources, Map<String, List<ObjectNode>> rows, boolean last, long readAt) {
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

        /** The id of the last source read; null on a page with none. */
        String lastId() {
            return sources.isEmpty() ? null : IdPages.lastId(sources);
        }
    }

    public boolean isDone() {
        return done;
    }

    /** Starts reading the next page ahead (see {@link ReadAhead}), unless the walk is over. */
    public void readAhead() {
        if (!done) {
            ahead.start();
        }
    }

    /**
     * The next page of sources and the map rows of its id range: the one read ahead, else read now. When a
     * read fails, nothing moves: the next call reads the same page again.
     */
    public Page next() {
        Page page = ahead.take();
        if (!page.last()) {
            after = page.lastId();
        }
        done = page.last();
        readAhead();
        return page;
    }

    private Page read(String low) {
        long readAt = System.nanoTime();
        List<ObjectNode> sources = IdPages.after(qvarn, Search.on(binding.source()).showAll(), low, pageSize);
        boolean last = sources.size() < pageSize;
        String high = last ? null : IdPages.lastId(sources);
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
        return new Page(sources, bySource, last, readAt);
    }
}
