package org.qvarnmr.camel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * Watches, with its own client, for each written report's derived rows. A report of org O that was the
 * k-th report of O is <em>visible</em> when {@code reports_counts[O]} is at least k (the reduce has seen
 * it: counts only grow in this workload and notifications are processed oldest first) and its own row
 * in {@code reports_counts__map} exists. Every {@value #PERIOD_MS} ms the observer reads all of
 * {@code reports_counts} (paged); for each report whose count is reached it searches the map row once.
 * The time a report became visible is when the counts answer that showed it arrived.
 */
final class Observer implements Runnable {
    static final int PERIOD_MS = 100;

    /** A report waiting to show. */
    record Pending(String reportId, String orgId, int ordinal, long writtenNanos) {
    }

    private final QvarnClient client;
    private final Queue<Pending> incoming = new ConcurrentLinkedQueue<>();
    private final List<Long> visible = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean writing = true;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile RuntimeException failure;
    private volatile int remaining;

    Observer(QvarnClient client) {
        this.client = client;
    }

    void written(Pending p) {
        incoming.add(p);
    }

    /** No more writes; watch until all are seen or {@code wait} has passed. Returns whether all were seen. */
    boolean finish(Duration wait) throws InterruptedException {
        deadlineNanos = System.nanoTime() + wait.toNanos();
        writing = false;
        boolean ended = done.await(wait.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        if (failure != null) {
            throw failure;
        }
        return ended && remaining == 0;
    }

    /** Write-to-visible times in nanoseconds, of the reports seen. */
    synchronized long[] visibleNanos() {
        return visible.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void run() {
        List<Pending> pending = new ArrayList<>();
        try {
            while (true) {
                for (Pending p; (p = incoming.poll()) != null; ) {
                    pending.add(p);
                }
                if (!pending.isEmpty()) {
                    check(pending);
                }
                remaining = pending.size() + incoming.size();
                if (!writing && remaining == 0 || System.nanoTime() > deadlineNanos) {
                    return;
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            remaining = pending.size() + incoming.size();
            done.countDown();
        }
    }

    private void check(List<Pending> pending) {
        Map<String, Integer> counts = counts();
        long seenAt = System.nanoTime();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (counts.getOrDefault(p.orgId(), 0) >= p.ordinal() && mapRowExists(p.reportId())) {
                synchronized (this) {
                    visible.add(seenAt - p.writtenNanos());
                }
                it.remove();
            }
        }
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        String lastId = null;
        while (true) {
            Search search = Search.on("reports_counts");
            if (lastId != null) {
                search = search.gt("id", lastId);
            }
            List<ObjectNode> page = client.search(search.showAll().sort("id")
                    .limit(DerivedDataCheck.PAGE));
            for (ObjectNode row : page) {
                JsonNode value = row.get(MrFields.VALUE);
                counts.put(MrFields.text(row, MrFields.KEY), value == null ? 0 : value.asInt(0));
            }
            if (page.size() < DerivedDataCheck.PAGE) {
                return counts;
            }
            lastId = page.get(page.size() - 1).get("id").asText();
        }
    }

    private boolean mapRowExists(String reportId) {
        List<ObjectNode> rows = ExactText.filter(client.search(
                ExactText.exact("reports_counts__map", MrFields.SOURCE_ID, reportId).showAll()),
                MrFields.SOURCE_ID, reportId);
        return rows.stream().anyMatch(r -> !QvarnValues.isTrue(r.get(MrFields.DELETED)));
    }
}
