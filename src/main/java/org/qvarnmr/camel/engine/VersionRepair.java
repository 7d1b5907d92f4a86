package org.qvarnmr.camel.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live map rows whose version is not their map handler's while no resync of their map target is pending or
 * running (a bump that failed and was rolled back, a store another writer left): no resync would rewrite
 * them, so the key they sit under would stay postponed for ever. Their sources are mapped again at the
 * current version, as a resync maps them (a source that is gone has its rows removed).
 */
final class VersionRepair {
    private static final Logger LOG = LoggerFactory.getLogger(VersionRepair.class);

    /** Where a live map row of another version comes from. */
    record Stray(String sourceType, String sourceId, long version) {
    }

    private final HandlerBindings bindings;
    private final MapStep mapStep;
    private final Predicate<String> resyncPending;

    /**
     * @param resyncPending whether the automatic resync has yet to finish mapping a map target's sources (then
     *                      it rewrites every row and reduces every key of that target itself)
     */
    VersionRepair(HandlerBindings bindings, MapStep mapStep, Predicate<String> resyncPending) {
        this.bindings = bindings;
        this.mapStep = mapStep;
        this.resyncPending = resyncPending;
    }

    boolean resyncPending(String mapTarget) {
        return resyncPending.test(mapTarget);
    }

    /** Maps the strays' sources again at their handlers' current versions; returns the keys that touched. */
    Set<KeyRef> remap(KeyRef key, List<Stray> strays) {
        Map<String, Stray> bySource = new LinkedHashMap<>();
        strays.forEach(s -> bySource.putIfAbsent(s.sourceType() + "/" + s.sourceId(), s));
        LOG.info("{}: {} map rows of another version and no resync of {} due; mapping their sources again at the "
                + "current version: {}", key, strays.size(), key.mapTarget(),
                bySource.keySet().stream().limit(10).toList());
        Set<KeyRef> touched = new LinkedHashSet<>();
        for (Stray s : bySource.values()) {
            HandlerBinding binding = bindings.mapHandlersOf(s.sourceType()).stream()
                    .filter(b -> b.target().equals(key.mapTarget())).findFirst().orElseThrow();
            try {
                MapResult result = mapStep.remap(binding, s.sourceId());
                if (result != null) {
                    touched.addAll(result.touchedKeys());
                }
            } catch (OwnershipLostException | QvarnConflictException e) {
                throw e;
            } catch (QvarnException e) {
                if (e.isRetryable()) {
                    throw e; // an outage: retried like any other
                }
                throw failed(key, s, binding, e);
            } catch (RuntimeException e) {
                throw failed(key, s, binding, e);
            }
        }
        return touched;
    }

    private static HandlerException failed(KeyRef key, Stray s, HandlerBinding binding, RuntimeException e) {
        return new HandlerException(key + " holds a map row of version " + s.version() + " from " + s.sourceType()
                + "/" + s.sourceId() + " and no resync of " + key.mapTarget() + " is due, so the key is not reduced "
                + "until that source maps at version " + binding.version() + "; mapping it again failed: "
                + e.getMessage(), e);
    }
}
