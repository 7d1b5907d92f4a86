package org.qvarnmr.camel.qvarn.client;

/**
 * An immutable builder of a Qvarn 0.82 search: {@code Search.on("orgs").exact("country", "FI").showAll()}.
 * Values are percent-encoded as the protocol requires (everything but unreserved characters, so
 * {@code /} is {@code %2F} and a space {@code %20}); field names are sent as they are.
 */
public final class Search {
    // TODO(client): implement; keep this public API.
    public static Search on(String path) {
        throw new UnsupportedOperationException("TODO");
    }

    public String path() {
        throw new UnsupportedOperationException("TODO");
    }

    public Search exact(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search ne(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search gt(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search ge(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search lt(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search le(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search startswith(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search contains(String field, Object value) { throw new UnsupportedOperationException("TODO"); }

    public Search show(String field) { throw new UnsupportedOperationException("TODO"); }

    public Search showAll() { throw new UnsupportedOperationException("TODO"); }

    public Search sort(String field) { throw new UnsupportedOperationException("TODO"); }

    public Search limit(int n) { throw new UnsupportedOperationException("TODO"); }

    public Search offset(int n) { throw new UnsupportedOperationException("TODO"); }

    /** The request path, e.g. {@code /orgs/search/exact/country/FI/show_all}. */
    public String toPath() { throw new UnsupportedOperationException("TODO"); }
}
