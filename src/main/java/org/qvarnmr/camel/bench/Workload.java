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
     * The mixed backlog of issue 22's measurement: of {@code n}, three tenths of the reports written so far move
     * to the next org (a key move), a fifth change a value (same org), a tenth are deleted, a tenth of the orgs
     * are renamed, and a fifth of {@code n} new reports are written: nine tenths of {@code n} changes when at
     * least six tenths of {@code n} reports exist ({@code n - orgsOf(n)} are written first). Returns the number of
     * changes written.
     */
    int writeChanges(QvarnClient client, int n, int threads) {
        List<String> orgs = List.copyOf(orgIds);
        List<String> existing = List.copyOf(new java.util.TreeSet<>(reportOrg.keySet()));
        int moves = Math.min(3 * n / 10, existing.size());
        int values = Math.min(n / 5, existing.size() - moves);
        int deletes = Math.min(n / 10, existing.size() - moves - values);
        parallel(moves + values + deletes, threads, i -> {
            String id = existing.get(i);
            if (i < moves + values) {
                String org = reportOrg.get(id);
                if (i < moves) {
                    org = orgs.get((orgs.indexOf(org) + 1) % orgs.size());
                }
                ObjectNode body = report(org, i + 1);
                body.put("report_type", i < moves ? "moved" : "changed");
                client.update("reports", id, body);
                reportOrg.put(id, org);
            } else {
                client.delete("reports", id);
                reportOrg.remove(id);
            }
            return id;
        });
        int renames = Math.min(n / 10, orgs.size());
        parallel(renames, threads, i -> {
            ObjectNode body = org(i);
            body.putArray("names").add("Org " + i + " renamed");
            return client.update("orgs", orgs.get(i), body);
        });
        int creates = n / 5;
        parallel(creates, threads, i -> writeReport(client, i, orgs.get(i % orgs.size())));
        return moves + values + deletes + renames + creates;
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
