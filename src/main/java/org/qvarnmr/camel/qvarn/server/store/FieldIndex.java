package org.qvarnmr.camel.qvarn.server.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.LongStream;

/**
 * The values one leaf name holds across a type, as its {@link SearchRow}s hold them (lower-cased, from
 * every place and list element), each with the seq of its resource. Strings are kept sorted so that an
 * exact value or a range is found without a scan; a resource holding any other value under the name (a
 * validated string field never does) is a candidate of every range. Writers are serialised by the store;
 * readers see a weakly consistent view, as the scan does.
 */
final class FieldIndex {
    private record Posting(String value, long seq) {
    }

    private static final Comparator<Posting> ORDER =
            Comparator.comparing(Posting::value).thenComparingLong(Posting::seq);

    private final String leaf;
    private final ConcurrentSkipListSet<Posting> strings = new ConcurrentSkipListSet<>(ORDER);
    private final Set<Long> others = ConcurrentHashMap.newKeySet();

    FieldIndex(String leaf) {
        this.leaf = leaf;
    }

    void add(StoredResource resource) {
        for (Object value : resource.row().values(leaf)) {
            if (value instanceof String string) {
                strings.add(new Posting(string, resource.seq()));
            } else {
                others.add(resource.seq());
            }
        }
    }

    /** Drops what {@code old} held and {@code current}, its successor with the same seq or null, does not. */
    void remove(StoredResource old, StoredResource current) {
        Set<Object> kept = current == null ? Set.of() : new HashSet<>(Arrays.asList(current.row().values(leaf)));
        boolean keepsOthers = kept.stream().anyMatch(value -> !(value instanceof String));
        for (Object value : old.row().values(leaf)) {
            if (kept.contains(value)) {
                continue;
            }
            if (value instanceof String string) {
                strings.remove(new Posting(string, old.seq()));
            } else if (!keepsOthers) {
                others.remove(old.seq());
            }
        }
    }

    /** At most how many resources hold a value in the range, or -1 when that is more than {@code cap}. */
    int count(StringRange range, int cap) {
        int count = others.size();
        Iterator<Posting> postings = within(range).iterator();
        while (count <= cap && postings.hasNext()) {
            postings.next();
            count++;
        }
        return count <= cap ? count : -1;
    }

    /** The seqs of the resources holding a value in the range, ascending and distinct. */
    long[] seqs(StringRange range) {
        return LongStream.concat(within(range).stream().mapToLong(Posting::seq),
                others.stream().mapToLong(Long::longValue)).sorted().distinct().toArray();
    }

    /** The seqs of the range's values in value order; null when some value is not a string (no such order). */
    Iterator<Long> inValueOrder(StringRange range) {
        return others.isEmpty() ? within(range).stream().map(Posting::seq).iterator() : null;
    }

    private NavigableSet<Posting> within(StringRange range) {
        if (range.isEmpty()) {
            return Collections.emptyNavigableSet();
        }
        Posting from = range.low() == null ? null : new Posting(range.low(), Long.MIN_VALUE);
        Posting to = range.high() == null ? null : new Posting(range.high(), Long.MAX_VALUE);
        if (from == null) {
            return to == null ? strings : strings.headSet(to, true);
        }
        return to == null ? strings.tailSet(from, true) : strings.subSet(from, true, to, true);
    }
}
