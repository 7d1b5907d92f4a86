package org.qvarnmr.camel.engine;

/**
 * A created/updated notification names a resource Qvarn does not return (404): it was deleted since
 * (a deleted notification will follow) or is not replicated yet. The change is retried, not dropped.
 */
public class SourceNotVisibleException extends RuntimeException {
    public SourceNotVisibleException(Change change) {
        super("source resource " + change.sourceType() + "/" + change.resourceId()
                + " was announced but Qvarn answers 404; will retry");
    }
}
