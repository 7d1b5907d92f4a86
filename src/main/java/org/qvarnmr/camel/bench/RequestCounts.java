package org.qvarnmr.camel.bench;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Request counts by {@code "METHOD /route/template"}; immutable. */
record RequestCounts(SortedMap<String, Long> byRoute) {
    static final RequestCounts NONE = new RequestCounts(new TreeMap<>());

    RequestCounts {
        byRoute = new TreeMap<>(byRoute);
    }

    long total() {
        return byRoute.values().stream().mapToLong(Long::longValue).sum();
    }

    long get(String route) {
        return byRoute.getOrDefault(route, 0L);
    }

    /** {@code this - other}, route by route; routes that end at zero are left out. */
    RequestCounts minus(Map<String, Long> other) {
        SortedMap<String, Long> result = new TreeMap<>(byRoute);
        other.forEach((route, n) -> result.merge(route, -n, Long::sum));
        result.values().removeIf(n -> n == 0);
        return new RequestCounts(result);
    }

    RequestCounts minus(RequestCounts other) {
        return minus(other.byRoute);
    }
}
