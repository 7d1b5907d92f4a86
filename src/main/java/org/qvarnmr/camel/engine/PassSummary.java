package org.qvarnmr.camel.engine;

/**
 * What one pass did.
 *
 * @param changes      changes read from notifications
 * @param acknowledged changes fully processed (their notifications deleted)
 * @param failed       changes that failed this time and will be retried
 * @param deadLettered changes sent to the dead-letter endpoint after their last attempt
 * @param reducedKeys  keys reduced
 * @param more         a listener had more notifications than the batch held
 */
public record PassSummary(int changes, int acknowledged, int failed, int deadLettered, int reducedKeys,
                          boolean more) {
}
