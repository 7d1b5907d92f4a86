package org.qvarnmr.camel.route;

/** What the routes tell whoever runs them. */
public interface WorkerListener {
    WorkerListener NONE = owner -> { };

    /** Another worker took over the instance: stop at once. */
    void ownershipLost(String newOwner);
}
