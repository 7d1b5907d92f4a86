package org.qvarnmr.camel.component;

/** What a {@code qvarn:} producer does with the message. */
public enum QvarnOperation {
    /** GET /TYPE/ID: the resource. */
    get,
    /** GET /TYPE: every id of the type, as a list of strings. */
    list,
    /** GET /TYPE/search/...: the matches (ids, the shown fields, or whole resources with show_all). */
    search,
    /** POST /TYPE: the body is the new resource; answers it with its id and revision. */
    create,
    /** PUT /TYPE/ID: the body replaces the resource; its current revision is fetched when the body has none. */
    update,
    /** DELETE /TYPE/ID. */
    delete
}
