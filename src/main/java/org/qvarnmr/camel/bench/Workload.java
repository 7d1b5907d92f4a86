package org.qvarnmr.camel.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * The README's data: orgs, and reports that each name one org ({@code reports[i].org} is org
 * {@code i mod orgs}). Remembers what it wrote, which is the input of the from-scratch computation the
 * derived data is checked against.
 */
final class Workload {
    private final List<String> orgIds = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> reportOrg = new ConcurrentHashMap<>();

    /** 10% orgs (at least one), the rest reports. */
    static int orgsOf(int sources) {
        return Math.max(1, sources / 10);
    }

    List<String> orgIds() {
        return orgIds;
    }

    /** report id -> org id */
    Map<String, String> reportOrg() {
        return reportOrg;
    }

    int sources() {
        return orgIds.size() + reportOrg.size();
    }

    /** Writes {@code n} orgs with up to {@code threads} requests in flight; keeps their ids in write order. */
    void writeOrgs(QvarnClient client, int n, int threads) {
        List<String> ids = parallel(n, threads, i -> client.create("orgs", org(i)).get("id").asText());
        orgIds.addAll(ids);
    }

    /** Writes {@code n} reports spread round-robin over the orgs written so far. */
    void writeReports(QvarnClient client, int n, int threads) {
        List<String> orgs = List.copyOf(orgIds);
        parallel(n, threads, i -> writeReport(client, i, orgs.get(i % orgs.size())));
    }

    /** Writes one report of {@code orgId}; returns its id. */
    String writeReport(QvarnClient client, int i, String orgId) {
        String id = client.create("reports", report(orgId, i)).get("id").asText();
        reportOrg.put(id, orgId);
        return id;
    }

    /**
     * Changes the reports written so far, then writes new ones: {@code n} changes in all, a fifth value
     * changes (same org), a fifth key moves (next org), a tenth deletes and the rest new reports. Returns
     * the number of changes written.
     */
    int writeChanges(QvarnClient client, int n, int threads) {
        List<String> orgs = List.copyOf(orgIds);
        List<String> existing = List.copyOf(new java.util.TreeSet<>(reportOrg.keySet()));
        int values = Math.min(n / 5, existing.size());
        int moves = Math.min(n / 5, existing.size() - values);
        int deletes = Math.min(n / 10, existing.size() - values - moves);
        parallel(values + moves + deletes, threads, i -> {
            String id = existing.get(i);
            if (i < values + moves) {
                String org = reportOrg.get(id);
                if (i >= values) {
                    org = orgs.get((orgs.indexOf(org) + 1) % orgs.size());
                }
                ObjectNode body = report(org, i + 1);
                body.put("report_type", i < values ? "changed" : "moved");
                client.update("reports", id, body);
                reportOrg.put(id, org);
            } else {
                client.delete("reports", id);
                reportOrg.remove(id);
            }
            return id;
        });
        int creates = n - values - moves - deletes;
        parallel(creates, threads, i -> writeReport(client, i, orgs.get(i % orgs.size())));
        return n;
    }

    /** The body of report {@code i} of {@code orgId}. */
    static ObjectNode report(String orgId, int i) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("org", orgId);
        body.put("report_type", "bolagsfakta");
        body.put("generated_timestamp", "2018-01-01T00:00:" + String.format("%02d", i % 60));
        return body;
    }

    private static ObjectNode org(int i) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("names").add("Org " + i);
        body.put("country", i % 2 == 0 ? "FI" : "SE");
        return body;
    }

    private static <T> List<T> parallel(int n, int threads, IntFunction<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<T> results = new ArrayList<>(n);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the workload", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
