package org.qvarnmr.camel.support;

/** The handler bindings and source types the end-to-end tests share, as YAML text. */
public final class Bindings {
    /** A source type with a text and a number field, for sums and joins over invoices. */
    public static final String INVOICES_TYPE = """
            path: /invoices
            type: invoice
            versions:
            - version: v1
              prototype: {id: '', type: '', revision: '', org: '', amount: 0}
            """;
    /** A count whose map handler fails on reports of type 'boom' (it/handlers/FailOnBoom). */
    public static final String MAP_FAILS_ON_BOOM = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.FailOnBoom}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;
    /** One count: reports per org (the map and reduce half of the README bindings' counts). */
    public static final String COUNT_BINDINGS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;

    /** The join of orgs and reports (the README bindings' join half). */
    public static final String JOIN_BINDINGS = """
            company_reports__map:
              orgs:    {type: map, version: 1, handler: {item: {key: id}}}
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            company_reports:
              company_reports__map:
                type: reduce
                version: 1
                handler:
                  join:
                    org:    {id: org_id}
                    report: {id: report_id}
            """;

    /** The README's bindings: the join and the count. */
    public static final String README_BINDINGS = JOIN_BINDINGS + COUNT_BINDINGS;

    private Bindings() {
    }
}
