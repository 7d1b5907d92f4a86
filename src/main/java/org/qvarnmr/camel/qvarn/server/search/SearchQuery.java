package org.qvarnmr.camel.qvarn.server.search;

import java.util.List;

/**
 * A parsed search URL.
 *
 * @param limit null when absent
 * @param offset null when absent
 */
public record SearchQuery(List<SearchCondition> conditions, List<String> show, boolean showAll, List<String> sort,
        Integer limit, Integer offset) {

    public SearchQuery {
        conditions = List.copyOf(conditions);
        show = List.copyOf(show);
        sort = List.copyOf(sort);
    }
}
