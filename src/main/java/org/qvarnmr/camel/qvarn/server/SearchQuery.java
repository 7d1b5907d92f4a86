package org.qvarnmr.camel.qvarn.server;

import java.util.List;

/**
 * A parsed search URL.
 *
 * @param limit null when absent
 * @param offset null when absent
 */
record SearchQuery(List<SearchCondition> conditions, List<String> show, boolean showAll, List<String> sort,
        Integer limit, Integer offset) {

    SearchQuery {
        conditions = List.copyOf(conditions);
        show = List.copyOf(show);
        sort = List.copyOf(sort);
    }
}
