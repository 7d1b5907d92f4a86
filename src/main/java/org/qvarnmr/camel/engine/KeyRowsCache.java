package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The rows of derived keys as this worker last read or wrote them, by type and key: one instance holds the
 * map rows (the map step finding a new source's rows, the reduce reading a key), another the reduce rows.
 * The owner of an instance is the only writer of its derived rows while it owns it, so its own writes keep
 * an entry true; reconciliation clears the cache first and repairs anything written behind its back.
 *
 * <p>A key this worker never read is not assumed empty: a store another writer left (the original, a crash,
 * a hand edit) may hold rows of it. A type is <em>learned</em> instead ({@link #getOrLearn}): listed whole,
 * while its rows fit the cache, after which a key it has no entry for has no rows. Learning costs pages, so
 * it is done when it pays: at a type's first unknown key a probe reads one page, which learns a type that
 * fits it; a larger type is listed only once as many of its keys were searched one by one as the listing
 * takes pages at most (ski rental: never more than twice the cheaper of the two); a walk that reads every
 * key learns at once ({@link #learnNow}). A type that does not fit, or whose keys the cache had to evict, is
 * not learned again until the cache is cleared.
 *
 * <p>A search result (a listing too) is kept only if no write to that key finished since the search began
 * (a stamp taken before it): otherwise the result might miss that write. A write whose outcome is unknown
 * (a lost reply) makes the key unknown. Bounded by keys (least recently used go) and by one page of rows per
 * key.
 */
final class KeyRowsCache {
    private record Entry(String type, List<ObjectNode> rows, long writtenAt) {
    }

    private enum State { NEW, PROBED, LISTING, COMPLETE, GAVE_UP }

    /** How far a type is learned. Guarded by the cache. */
    private static final class Learning {
        State state = State.NEW;
        int searches;
        boolean evicted;
    }

    private final int maxKeys;
    private final int pageSize;
    private final Map<String, Entry> entries;
    private final Map<String, Learning> learning = new HashMap<>();
    private long clock;
    /** The latest write stamp of any entry that was evicted or cleared: a search older than it is not kept. */
    private long forgottenAt;
    /** Counts {@link #clear()}s: a listing that began before one is not kept. */
    private long generation;

    /**
     * @param maxKeys  keys kept (least recently used go), and the most rows a learned type may have
     * @param pageSize rows per page of a search: a key is kept while it fits one, a listing reads pages of it
     */
    KeyRowsCache(int maxKeys, int pageSize) {
        this.maxKeys = Math.max(1, maxKeys);
        this.pageSize = Math.max(1, pageSize);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() <= KeyRowsCache.this.maxKeys) {
                    return false;
                }
                forgottenAt = Math.max(forgottenAt, eldest.getValue().writtenAt());
                Learning l = learning.get(eldest.getValue().type());
                if (l != null && (l.state == State.LISTING || l.state == State.COMPLETE)) {
                    l.evicted = true; // a key gone from memory can no longer be told from a key without rows
                    l.state = l.state == State.COMPLETE ? State.GAVE_UP : l.state;
                }
                return true;
            }
        };
    }

    /** Taken before a search whose result is then given to {@link #loaded}. */
    synchronized long stamp() {
        return clock;
    }

    /**
     * A deep copy of the key's rows (handlers may change what they are given), in the order a search sorted by
     * id gives them; empty for a key of a learned type without an entry; null when not known.
     */
    synchronized List<ObjectNode> get(String type, String key) {
        Entry e = entries.get(type + "/" + key);
        if (e == null) {
            return complete(type) ? new ArrayList<>() : null;
        }
        if (e.rows() == null) {
            return null;
        }
        List<ObjectNode> rows = new ArrayList<>(e.rows().size());
        e.rows().forEach(r -> rows.add(r.deepCopy()));
        // An order-sensitive reduce (join: later rows win) must compute the same result from the cache as a
        // fresh worker does from Qvarn, or a replay rewrites
        rows.sort(Comparator.comparing(r -> r.path("id").asText()));
        return rows;
    }

    /**
     * Like {@link #get}, but a key not known lets the type be learned first, when that is due (see the class
     * comment); {@code lister} reads the type's rows, giving up past the row count it is given. Callers
     * wait while another lists the type. Null: search for the key.
     */
    List<ObjectNode> getOrLearn(String type, String key, IntFunction<Optional<List<ObjectNode>>> lister) {
        List<ObjectNode> rows = get(type, key);
        if (rows == null && learn(type, false, lister)) {
            rows = get(type, key);
        }
        return rows;
    }

    /** Learns the type now, unless it was given up on; returns whether it is learned. */
    boolean learnNow(String type, IntFunction<Optional<List<ObjectNode>>> lister) {
        return learn(type, true, lister);
    }

    private boolean learn(String type, boolean now, IntFunction<Optional<List<ObjectNode>>> lister) {
        Learning l;
        State before;
        int maxRows;
        long stamp;
        long gen;
        synchronized (this) {
            while ((l = learning.computeIfAbsent(type, t -> new Learning())).state == State.LISTING) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            before = l.state;
            if (before == State.COMPLETE || before == State.GAVE_UP) {
                return before == State.COMPLETE;
            }
            boolean probe = before == State.NEW && !now && pageSize <= maxKeys;
            if (before == State.PROBED && !now && ++l.searches <= listingPages()) {
                return false; // searching key by key is still cheaper than listing the type
            }
            maxRows = probe ? pageSize - 1 : maxKeys;
            l.state = State.LISTING;
            l.evicted = false;
            stamp = clock;
            gen = generation;
        }
        Optional<List<ObjectNode>> listed = null;
        try {
            listed = lister.apply(maxRows);
        } finally {
            synchronized (this) {
                if (gen == generation) {
                    if (listed == null) {
                        l.state = before; // the listing failed: the next unknown key tries again
                    } else if (listed.isPresent() && forgottenAt <= stamp && !l.evicted) {
                        loadAll(type, listed.get(), stamp);
                        l.state = l.evicted ? State.GAVE_UP : State.COMPLETE;
                    } else {
                        l.state = maxRows < maxKeys && listed.isEmpty() ? State.PROBED : State.GAVE_UP;
                    }
                }
                notifyAll();
            }
        }
        synchronized (this) {
            return gen == generation && l.state == State.COMPLETE;
        }
    }

    /** The most pages a listing of a type that fits the cache reads. */
    private int listingPages() {
        return maxKeys / pageSize + 1;
    }

    private boolean complete(String type) {
        Learning l = learning.get(type);
        return l != null && l.state == State.COMPLETE;
    }

    /**
     * Every key of a learned type that holds rows, with its rows; null when the type is not learned or some
     * key's rows are not known (the caller then reads the type itself).
     */
    synchronized Map<String, List<ObjectNode>> all(String type) {
        if (!complete(type)) {
            return null;
        }
        Map<String, List<ObjectNode>> all = new HashMap<>();
        for (Map.Entry<String, Entry> en : entries.entrySet()) {
            Entry e = en.getValue();
            if (e.type().equals(type)) {
                if (e.rows() == null) {
                    return null;
                }
                if (!e.rows().isEmpty()) {
                    all.put(en.getKey().substring(type.length() + 1), List.copyOf(e.rows()));
                }
            }
        }
        return all;
    }

    /** A listing's rows, keyed; keys written since {@code stamp} keep what the writes made them. */
    private void loadAll(String type, List<ObjectNode> listed, long stamp) {
        Map<String, List<ObjectNode>> byKey = new LinkedHashMap<>();
        for (ObjectNode row : listed) {
            String key = MrFields.text(row, MrFields.KEY);
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        // A key remembered from before the listing that it did not find has no rows any more.
        entries.entrySet().removeIf(en -> en.getValue().type().equals(type) && en.getValue().writtenAt() <= stamp
                && !byKey.containsKey(en.getKey().substring(type.length() + 1)));
        byKey.forEach((key, rows) -> {
            String k = type + "/" + key;
            Entry e = entries.get(k);
            if (e == null || e.writtenAt() <= stamp) {
                entries.put(k, new Entry(type, rows.size() > pageSize ? null : rows, e == null ? 0 : e.writtenAt()));
            }
        });
    }

    /**
     * Keeps every row of a key as a search read them, unless a write to it finished since {@code stamp}.
     */
    synchronized void loaded(String type, String key, List<ObjectNode> rows, long stamp) {
        String k = type + "/" + key;
        Entry e = entries.get(k);
        if (forgottenAt > stamp || (e != null && e.writtenAt() > stamp) || rows.size() > pageSize) {
            return;
        }
        entries.put(k, new Entry(type, copy(rows), e == null ? 0 : e.writtenAt()));
    }

    /**
     * A row as a create or update that succeeded stored it. By id: a search that ran while the write was in
     * flight may already hold it.
     */
    void stored(String type, String key, ObjectNode row) {
        String id = row.get("id").asText();
        written(type, key, rows -> {
            rows.removeIf(r -> id.equals(r.get("id").asText()));
            rows.add(row);
        });
    }

    /** A row a delete that succeeded removed. */
    void removed(String type, String key, String id) {
        written(type, key, rows -> rows.removeIf(r -> id.equals(r.get("id").asText())));
    }

    /** Every row the key holds after writes that succeeded, whatever was known before. */
    void replaced(String type, String key, List<ObjectNode> now) {
        written(type, key, rows -> {
            rows.clear();
            rows.addAll(now);
        }, true);
    }

    private void written(String type, String key, Consumer<List<ObjectNode>> change) {
        written(type, key, change, false);
    }

    /** Applies a write that succeeded to the key's rows, if they are known (or {@code whole}: the change says all). */
    private synchronized void written(String type, String key, Consumer<List<ObjectNode>> change, boolean whole) {
        String k = type + "/" + key;
        Entry e = entries.get(k);
        List<ObjectNode> rows = null;
        List<ObjectNode> before = e != null ? e.rows() : complete(type) ? List.of() : null;
        if (before != null || whole) {
            rows = before == null ? new ArrayList<>() : copy(before);
            change.accept(rows);
            if (rows.size() > pageSize) {
                rows = null;
            }
        }
        entries.put(k, new Entry(type, rows, ++clock));
    }

    /** A write to the key failed or its reply was lost: what Qvarn holds is not known. */
    synchronized void unknown(String type, String key) {
        entries.put(type + "/" + key, new Entry(type, null, ++clock));
    }

    /** Forgets every row and every learned type. */
    synchronized void clear() {
        forgottenAt = ++clock;
        generation++;
        entries.clear();
        learning.clear();
        notifyAll();
    }

    private static List<ObjectNode> copy(List<ObjectNode> rows) {
        return new ArrayList<>(rows);
    }
}
