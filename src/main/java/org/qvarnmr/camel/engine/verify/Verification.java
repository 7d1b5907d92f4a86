package org.qvarnmr.camel.engine.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.LruCaches;
import org.qvarnmr.camel.engine.SourceCache;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only recomputation of every target from its sources, reporting how the stored rows drifted
 * from it (the {@code verify} command). It sends only searches and GETs: no ownership, no listener, no
 * write. Map targets are checked per page of sources ({@link MapTargetCheck}), reduce targets per key
 * ({@link ReduceTargetCheck}).
 *
 * <p>Memory: a page of sources and their rows, the source resources a {@code join} reads again (an LRU
 * of {@code qvarnmr.cache-size}), and per reduce target its keys (this grows with the number of keys) plus
 * its reduce rows and its map target's live rows, each while they fit {@code qvarnmr.cache-size}. The
 * drift itself is counted; {@value TargetDrift#EXAMPLES} rows per target are kept in full.
 */
public final class Verification implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    private final HandlerBindings bindings;
    private final ExecutorService pool;
    private final MapTargetCheck maps;
    private final ReduceTargetCheck reduces;

    /**
     * @param caches  makes the cache of sources a {@code join} reads again
     * @param threads requests in flight at once ({@code qvarn.threads})
     */
    public Verification(QvarnClient qvarn, HandlerBindings bindings, int pageSize, LruCaches caches, int cacheSize,
                        int threads) {
        this.bindings = bindings;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "qvarnmr-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SourceCache sources = new SourceCache(qvarn, caches, cacheSize);
        this.maps = new MapTargetCheck(qvarn, sources, pool, pageSize);
        this.reduces = new ReduceTargetCheck(qvarn, sources, pool, pageSize, cacheSize);
    }

    /** Checks every target, in the order the bindings name them. */
    public VerifyReport run() {
        Map<String, List<HandlerBinding>> byTarget = new LinkedHashMap<>();
        for (HandlerBinding b : bindings.all()) {
            byTarget.computeIfAbsent(b.target(), t -> new ArrayList<>()).add(b);
        }
        List<TargetDrift> targets = new ArrayList<>();
        byTarget.forEach((target, handlers) -> {
            boolean reduce = handlers.get(0).kind() == HandlerKind.REDUCE;
            TargetDrift drift = new TargetDrift(target, reduce, handlers.stream().map(HandlerBinding::source).toList());
            for (HandlerBinding b : handlers) {
                LOG.info("verify: checking {} <- {}", target, b.source());
                if (reduce) {
                    reduces.check(b, drift);
                } else {
                    maps.check(b, drift);
                }
            }
            targets.add(drift);
        });
        return new VerifyReport(targets);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
