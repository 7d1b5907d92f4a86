package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
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

    /** The id of a page's last row. */
    public static String lastId(List<ObjectNode> page) {
        return page.get(page.size() - 1).get("id").asText();
    }
}
