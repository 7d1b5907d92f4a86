package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * Paged reads of a whole type for the reduce step and its key rows, over the client's one keyset paging
 * ({@link IdPages}).
 */
final class TypeListing {
    private TypeListing() {
    }

    /**
     * Every row of {@code type} ({@code show_all}), or empty as soon as it has more than {@code maxRows}: then
     * at most {@code maxRows / pageSize + 1} pages were read.
     */
    static Optional<List<ObjectNode>> upTo(QvarnClient qvarn, String type, int pageSize, int maxRows) {
        List<ObjectNode> rows = new ArrayList<>();
        boolean fits = forEachPage(qvarn, Search.on(type).showAll(), pageSize, row -> {
            rows.add(row);
            return rows.size() <= maxRows;
        });
        return fits ? Optional.of(rows) : Optional.empty();
    }

    /**
     * Runs {@code each} over every row {@code search} finds, page by page; stops early once it returns false.
     * Returns whether every row was seen.
     */
    static boolean forEachPage(QvarnClient qvarn, Search search, int pageSize, Predicate<ObjectNode> each) {
        return IdPages.forEach(qvarn, search, pageSize, each);
    }
}
