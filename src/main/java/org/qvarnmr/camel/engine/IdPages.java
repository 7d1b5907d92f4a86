package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/** Keyset paging by id, as the resync reads: a page stays right while other rows come and go. */
public final class IdPages {
    private IdPages() {
    }

    /** Hands each page of {@code search} (sorted by id, {@code pageSize} rows) to {@code each}, in order. */
    public static void each(QvarnClient qvarn, Search search, int pageSize, Consumer<List<ObjectNode>> each) {
        String after = null;
        while (true) {
            List<ObjectNode> page = qvarn.search((after == null ? search : search.gt("id", after)).sort("id")
                    .limit(pageSize));
            each.accept(page);
            if (page.size() < pageSize) {
                return;
            }
            after = lastId(page);
        }
    }

    /**
     * The map rows of {@code binding} whose source id lies in (low, high] (null: unbounded), read in pages
     * by row id and grouped by source id: the rows of one page of sources, as the resync and verify read them.
     */
    public static Map<String, List<ObjectNode>> rowsBySource(QvarnClient qvarn, HandlerBinding binding, String low,
                                                             String high, int pageSize) {
        Search s = Search.on(binding.target()).exact(MrFields.SOURCE_TYPE, binding.source());
        if (low != null) {
            s = s.gt(MrFields.SOURCE_ID, low);
        }
        if (high != null) {
            s = s.le(MrFields.SOURCE_ID, high);
        }
        Map<String, List<ObjectNode>> bySource = new HashMap<>();
        each(qvarn, s.showAll(), pageSize, rows -> {
            for (ObjectNode row : rows) {
                if (binding.source().equals(MrFields.text(row, MrFields.SOURCE_TYPE))) {
                    bySource.computeIfAbsent(MrFields.text(row, MrFields.SOURCE_ID), k -> new ArrayList<>()).add(row);
                }
            }
        });
        return bySource;
    }

    /** The id of a page's last row. */
    public static String lastId(List<ObjectNode> page) {
        return page.get(page.size() - 1).get("id").asText();
    }
}
