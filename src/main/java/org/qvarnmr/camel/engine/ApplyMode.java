package org.qvarnmr.camel.engine;

/**
 * What a kind of caller does with the failures of a {@link Pass}: the one place where failure rules
 * differ per caller (the classification of a failure is {@link FailureDescription}'s). Every mode ends a
 * run when the worker lost its ownership. {@link PassSettler} is the live pass's; {@link WalkSettler}
 * is the resync's, the reconciliation's and {@code replay}'s.
 */
public interface ApplyMode {
    /**
     * How the pass ends: what to acknowledge, what to dead-letter, and its summary (failed: the changes and
     * keys that failed and are not dead letters). Call once per pass: a live pass counts attempts.
     */
    Settlement settle(Pass pass);
}
