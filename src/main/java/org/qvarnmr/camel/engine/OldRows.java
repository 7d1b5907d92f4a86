package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * The map rows a batch's changed sources held before the batch, read by listing a map target in pages when
 * that costs the server less than one search per source. A change to a source that already has rows (an
 * update or a delete, not a create) must find them before it writes; Qvarn 0.82's search has no "any of", so
 * that is one search per source and map target. When many of a batch's sources map to one target, listing
 * the whole target is cheaper: a page of {@code qvarnmr.page-size} (500) rows costs the real server about
 * what {@value #SEARCHES_PER_PAGE} single-source searches do (docs/benchmark-results.md, "Writes and searches
 * per change against their floor"). A listing stops once it has read as many pages as the searches it
 * replaces would be worth, and the target is then searched source by source as before (its size is
 * remembered, so it is not listed again for fewer sources).
 *
 * <p>The rows are those before the batch: each is handed out once, to its source's first map in the pass,
 * and dropped when anything else writes that source's rows meanwhile (a resync page, a repair); a retry
 * searches afresh.
 */
final class OldRows {
    /** A page of rows costs the server about what this many single-source searches cost. */
    static final int SEARCHES_PER_PAGE = 20;

    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final int pageSize;
    /** Per map target, how many rows it was seen to hold at least, from a listing that stopped early. */
    private final Map<String, Long> atLeast = new ConcurrentHashMap<>();
    /** target -> "sourceType/sourceId" -> rows, for the pass under way; replaced by every prefetch. */
    private volatile Map<String, Map<String, List<ObjectNode>>> listed = Map.of();

    OldRows(QvarnClient qvarn, HandlerBindings bindings, int pageSize) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.pageSize = pageSize;
    }

    /**
     * Lists the map targets for which that is cheaper than searching each of {@code changes}' sources that may
     * have rows (a change to a source the batch created has none). Replaces what the previous pass listed.
     */
    void prefetch(List<Change> changes) {
        Map<String, Set<String>> sourcesByTarget = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change.fresh() || change.resync()) {
                continue;
            }
            for (HandlerBinding binding : bindings.mapHandlersOf(change.sourceType())) {
                sourcesByTarget.computeIfAbsent(binding.target(), t -> new HashSet<>())
                        .add(key(change.sourceType(), change.resourceId()));
            }
        }
        Map<String, Map<String, List<ObjectNode>>> next = new HashMap<>();
        sourcesByTarget.forEach((target, sources) -> {
            Map<String, List<ObjectNode>> rows = list(target, sources);
            if (rows != null) {
                next.put(target, new ConcurrentHashMap<>(rows));
            }
        });
        listed = next;
    }

    /**
     * The rows {@code binding}'s source {@code sourceId} held before the pass, once; null when its target was
     * not listed (or they were handed out or dropped already): then search.
     */
    List<ObjectNode> take(HandlerBinding binding, String sourceId) {
        Map<String, List<ObjectNode>> rows = listed.get(binding.target());
        return rows == null ? null : rows.remove(key(binding.source(), sourceId));
    }

    /** Something other than the pass's own map writes {@code sourceId}'s rows in {@code target}: search it. */
    void drop(String target, String sourceType, String sourceId) {
        Map<String, List<ObjectNode>> rows = listed.get(target);
        if (rows != null) {
            rows.remove(key(sourceType, sourceId));
        }
    }

    /** The rows of {@code sources} in {@code target}, or null when listing it would cost more than searching. */
    private Map<String, List<ObjectNode>> list(String target, Set<String> sources) {
        long budget = sources.size() / SEARCHES_PER_PAGE;
        if (budget < 1 || atLeast.getOrDefault(target, 0L) >= budget * pageSize) {
            return null;
        }
        Map<String, List<ObjectNode>> rows = new HashMap<>();
        for (String source : sources) {
            rows.put(source, new ArrayList<>()); // a source with no row is known to have none
        }
        IdPages.Cursor cursor = new IdPages.Cursor(Search.on(target).showAll(), pageSize);
        long seen = 0;
        for (long pages = 0; !cursor.isDone(); pages++) {
            if (pages == budget) {
                atLeast.merge(target, seen, Math::max);
                return null;
            }
            for (ObjectNode row : cursor.next(qvarn)) {
                seen++;
                List<ObjectNode> mine = rows.get(key(MrFields.text(row, MrFields.SOURCE_TYPE),
                        MrFields.text(row, MrFields.SOURCE_ID)));
                if (mine != null) {
                    mine.add(row);
                }
            }
        }
        atLeast.remove(target);
        return rows;
    }

    private static String key(String sourceType, String sourceId) {
        return sourceType + "/" + sourceId;
    }
}
