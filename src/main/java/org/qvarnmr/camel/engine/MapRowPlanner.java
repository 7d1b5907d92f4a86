package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.qvarn.client.QvarnValues;

/**
 * Decides, without any I/O, how to turn a source resource's existing map rows into the rows its handler
 * now emits. Rows that already hold the wanted content are kept untouched, rows whose key stays are
 * updated in place, and a row whose key went away is moved to a new key in place when one is wanted
 * (one PUT instead of a POST and a DELETE) or removed otherwise. In a target a reduce reads, such a row
 * is deferred (see {@link MapRowPlan}): whether it may leave its old key at once depends on the batch.
 */
public final class MapRowPlanner {
    /**
     * The most bytes a key may take in a URL, percent-encoded (UTF-8; letters, digits and {@code -._~} one
     * byte each, every other byte three). Its rows are searched as {@code /TYPE/search/exact/_mr_key/KEY}:
     * 4,096 leaves room for the type and paging clauses within the 8 KB request line common front proxies
     * allow (nginx, Apache); Qvarn 0.82 under uWSGI with {@code buffer-size 65535} took up to about 28,000
     * with a token of every scope and closed the connection, unanswered, beyond.
     */
    public static final int MAX_KEY_URL_BYTES = 4096;
    /** The most characters of a refused key a message shows. */
    private static final int KEY_SHOWN = 40;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MapRowPlanner() {
    }

    /**
     * @param binding   the map handler (target, source, version)
     * @param sourceId  the source resource id
     * @param existing  the rows of this source in the target (as Qvarn returns them)
     * @param pairs     what the handler emitted (empty for a deleted source)
     * @param reduced   whether a reduce handler reads this target (otherwise rows are moved and deleted at once)
     */
    public static MapRowPlan plan(HandlerBinding binding, String sourceId, List<ObjectNode> existing,
                                  List<KeyValue> pairs, boolean reduced) {
        List<ObjectNode> wanted = new ArrayList<>();
        for (KeyValue pair : pairs) {
            String key = keyText(binding, sourceId, pair.key());
            if (key != null) {
                wanted.add(rowBody(binding, sourceId, key, pair.value()));
            }
        }
        List<ObjectNode> live = new ArrayList<>();
        List<ObjectNode> alreadyMarked = new ArrayList<>();
        for (ObjectNode row : existing) {
            (QvarnValues.isTrue(row.get(MrFields.DELETED)) ? alreadyMarked : live).add(row);
        }
        // Every key emitted now is reduced, changed or not: a replayed change always reduces its current keys.
        Set<String> touched = new LinkedHashSet<>();
        wanted.forEach(w -> touched.add(w.get(MrFields.KEY).asText()));
        Set<String> anchors = new LinkedHashSet<>();

        // 1. Rows that already say exactly this are left alone.
        List<ObjectNode> toWrite = new ArrayList<>();
        for (ObjectNode w : wanted) {
            ObjectNode match = removeFirst(live, row -> sameContent(w, row));
            if (match == null) {
                toWrite.add(w);
            } else {
                addKey(anchors, match);
            }
        }
        // 2. A row with the same key is rewritten in place; 3. another row that is left over moves to the
        // new key in place; 4. anything else is created.
        List<ObjectNode> newKeys = new ArrayList<>();
        List<ObjectNode> updates = new ArrayList<>();
        for (ObjectNode w : toWrite) {
            String key = w.get(MrFields.KEY).asText();
            ObjectNode sameKey = removeFirst(live, row -> key.equals(MrFields.text(row, MrFields.KEY)));
            if (sameKey == null) {
                newKeys.add(w);
            } else {
                updates.add(withIdentity(w, sameKey));
                anchors.add(key);
            }
        }
        List<ObjectNode> creates = new ArrayList<>();
        List<RowMove> leaving = new ArrayList<>();
        for (ObjectNode w : newKeys) {
            if (live.isEmpty()) {
                creates.add(w);
                anchors.add(w.get(MrFields.KEY).asText());
            } else {
                ObjectNode from = live.remove(0);
                leaving.add(new RowMove(binding.target(), from, withIdentity(w, from)));
            }
        }
        // 5. Rows left over are removed; their key (and a moved row's old key) must be reduced once more.
        for (ObjectNode row : live) {
            leaving.add(new RowMove(binding.target(), row, null));
        }
        List<String> deletes = new ArrayList<>();
        for (RowMove move : leaving) {
            if (reduced) {
                addKey(touched, move.from());
            } else if (move.removal()) {
                deletes.add(move.id());
            }
        }
        // A row marked by an earlier run anchors nothing: a resync or reconciliation reducing its key beside
        // this pass may delete it before this batch's moves are written.
        for (ObjectNode row : alreadyMarked) {
            if (reduced) {
                addKey(touched, row);
            } else {
                deletes.add(row.get("id").asText());
            }
        }
        if (!reduced) {
            List<RowMove> moves = leaving.stream().filter(m -> !m.removal()).toList();
            return new MapRowPlan(creates, updates, moves, deletes, List.of(), Set.of(), Set.of());
        }
        return new MapRowPlan(creates, updates, List.of(), List.of(), leaving, touched, anchors);
    }

    /** {@code wanted} as the new content of {@code row}: its id, and its revision so a PUT cannot overwrite news. */
    private static ObjectNode withIdentity(ObjectNode wanted, ObjectNode row) {
        ObjectNode body = wanted.deepCopy();
        body.put("id", row.get("id").asText());
        body.set("revision", row.get("revision"));
        return body;
    }

    /** The body of a new map row: a dict value becomes fields with {@code _mr_value: null}, as the original did. */
    static ObjectNode rowBody(HandlerBinding binding, String sourceId, String key, JsonNode value) {
        ObjectNode row = JSON.objectNode();
        if (value != null && value.isObject()) {
            row.setAll(MrFields.withoutQvarnFields((ObjectNode) value));
            row.set(MrFields.VALUE, NullNode.getInstance());
        } else {
            row.set(MrFields.VALUE, value == null ? NullNode.getInstance() : value);
        }
        row.put(MrFields.KEY, key);
        row.put(MrFields.SOURCE_ID, sourceId);
        row.put(MrFields.SOURCE_TYPE, binding.source());
        row.put(MrFields.VERSION, binding.version());
        row.put(MrFields.DELETED, false);
        return row;
    }

    /**
     * The key as stored in {@code _mr_key} (a text field). Null and empty keys emit nothing: Qvarn cannot
     * search for them, so such a row could never be reduced. A key too long to search for
     * ({@link #MAX_KEY_URL_BYTES}) is the handler's failure, told with its start and length only.
     */
    public static String keyText(HandlerBinding binding, String sourceId, JsonNode key) {
        if (key == null || key.isNull() || key.isMissingNode()) {
            return null;
        }
        if (key.isContainerNode() || key.isBinary() || key.isPojo()) {
            throw new HandlerException(binding.where() + " returned a key that is not a scalar (" + key.getNodeType()
                    + ") for resource " + sourceId + "; keys must be text, numbers or booleans");
        }
        String text = key.asText();
        // A UTF-16 unit takes at most 9 bytes percent-encoded: shorter keys need no encoding to be sure.
        if (text.length() > MAX_KEY_URL_BYTES / 9) {
            int bytes = QvarnValues.quote(text).length();
            if (bytes > MAX_KEY_URL_BYTES) {
                throw new HandlerException(binding.where() + " returned a key of " + text.length() + " characters ('"
                        + text.substring(0, KEY_SHOWN) + "...', " + bytes + " bytes in a URL) for resource "
                        + sourceId + "; a key may take at most " + MAX_KEY_URL_BYTES + " bytes in a URL, where its "
                        + "rows are searched (/" + binding.target() + "/search/exact/_mr_key/KEY): emit a shorter "
                        + "key, e.g. an id or a hash of the long value");
            }
        }
        return text.isEmpty() ? null : text;
    }

    /** Whether {@code row} already holds exactly {@code wanted}: its values, and nothing else but empty fields. */
    public static boolean sameContent(ObjectNode wanted, ObjectNode row) {
        if (!JsonSame.containsAll(wanted, row)) {
            return false;
        }
        // Fields the row has beyond what is wanted must be empty (Qvarn fills absent fields with null / []).
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (MrFields.QVARN_FIELDS.contains(e.getKey()) || wanted.has(e.getKey())) {
                continue;
            }
            JsonNode v = e.getValue();
            if (!(v.isNull() || (v.isArray() && v.isEmpty()))) {
                return false;
            }
        }
        return true;
    }

    private static void addKey(Set<String> touched, ObjectNode row) {
        String key = MrFields.text(row, MrFields.KEY);
        if (key != null && !key.isEmpty()) {
            touched.add(key);
        }
    }

    private static ObjectNode removeFirst(List<ObjectNode> rows, java.util.function.Predicate<ObjectNode> test) {
        for (Iterator<ObjectNode> it = rows.iterator(); it.hasNext(); ) {
            ObjectNode row = it.next();
            if (test.test(row)) {
                it.remove();
                return row;
            }
        }
        return null;
    }
}
