package org.qvarnmr.camel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/** Runs independent I/O calls on a bounded pool and returns their results in input order. */
public final class Parallel {
    private Parallel() {
    }

    public static <T, R> List<R> map(ExecutorService pool, List<T> items, Function<T, R> call) {
        if (items.size() <= 1) {
            return items.stream().map(call).toList();
        }
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> call.apply(item), pool));
        }
        List<R> results = new ArrayList<>(items.size());
        RuntimeException first = null;
        for (CompletableFuture<R> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
