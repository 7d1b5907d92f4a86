package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/** The map rows of a page of sources, as the resync and verify read them: one paged search per page. */
public final class SourceRows {
    private SourceRows() {
    }

    /**
     * The map rows of {@code binding} whose source id lies in (low, high] (null: unbounded), read in pages
     * by row id and grouped by source id.
     */
    public static Map<String, List<ObjectNode>> bySource(QvarnClient qvarn, HandlerBinding binding, String low,
                                                         String high, int pageSize) {
        Search s = Search.on(binding.target()).exact(MrFields.SOURCE_TYPE, binding.source());
        if (low != null) {
            s = s.gt(MrFields.SOURCE_ID, low);
        }
        if (high != null) {
            s = s.le(MrFields.SOURCE_ID, high);
        }
        Map<String, List<ObjectNode>> bySource = new HashMap<>();
        IdPages.each(qvarn, s.showAll(), pageSize, rows -> {
            for (ObjectNode row : rows) {
                if (binding.source().equals(MrFields.text(row, MrFields.SOURCE_TYPE))) {
                    bySource.computeIfAbsent(MrFields.text(row, MrFields.SOURCE_ID), k -> new ArrayList<>()).add(row);
                }
            }
        });
        return bySource;
    }
}
