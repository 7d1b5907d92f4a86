package org.qvarnmr.camel.route;

/**
 * One derived row written, as announced on {@code qvarnmr:derived} (and the older {@code direct:qvarnmr-derived});
 * also set as the headers
 * {@code QvarnMrDerivedType}, {@code QvarnMrDerivedId}, {@code QvarnMrDerivedKey} and
 * {@code QvarnMrDerivedOperation}.
 *
 * @param type      the derived (map or reduce target) type
 * @param id        the row's id
 * @param key       its {@code _mr_key}
 * @param operation {@code create}, {@code update} or {@code delete}
 * @param instance  the worker instance that wrote it
 */
public record DerivedChange(String type, String id, String key, String operation, String instance) {
}
