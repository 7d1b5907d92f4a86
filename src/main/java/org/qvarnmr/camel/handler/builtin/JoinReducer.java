package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.MissingFieldException;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;

/**
 * The {@code join({type_name: {source_field: target_field_or_null}})} built-in.
 *
 * <p>For every map row of the key, in row order, it looks at the row's original source resource
 * ({@code _mr_source_type}, {@code _mr_source_id}). When that resource's {@code type} value (the type
 * <em>name</em>, e.g. {@code org}) is in the mapping, the listed fields are copied into one result
 * object under the given name (or the same name when null); later rows overwrite earlier ones. A field
 * the source does not have fails the reduce ({@link MissingFieldException}); a null field is copied as
 * null. Sources that are gone are skipped. A name that is no type of the sources read fails the reduce
 * ({@link JoinNameException}, see {@link JoinNames}) instead of copying nothing.
 *
 * <p>Rows are handled in chunks; within a chunk the sources are fetched with one
 * {@link SourceFetcher} call per source type, so a large key is never held in memory at once.
 */
public final class JoinReducer implements ReduceHandler {
    /** Rows per chunk unless told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    private final Map<String, Map<String, String>> mapping;
    private final SourceFetcher fetcher;
    private final int chunkSize;
    private final JoinNames names;

    /**
     * @param mapping   type name -> (source field -> target field, or null for the same name); copied,
     *                  iteration order kept
     * @param fetcher   how sources are fetched
     * @param chunkSize rows per chunk, positive
     */
    public JoinReducer(Map<String, Map<String, String>> mapping, SourceFetcher fetcher, int chunkSize) {
        this(mapping, fetcher, chunkSize, List.of());
    }

    private JoinReducer(Map<String, Map<String, String>> mapping, SourceFetcher fetcher, int chunkSize,
            Collection<String> sourcePaths) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        mapping.forEach((type, fields) -> copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        this.mapping = Collections.unmodifiableMap(copy);
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.chunkSize = chunkSize;
        this.names = new JoinNames(this.mapping.keySet(), sourcePaths);
    }

    /** A join that fetches sources from Qvarn. */
    public JoinReducer(Map<String, Map<String, String>> mapping) {
        this(mapping, SourceFetcher.QVARN, DEFAULT_CHUNK_SIZE);
    }

    public Map<String, Map<String, String>> mapping() {
        return mapping;
    }

    /**
     * This join over a map target whose sources are {@code sourcePaths} (every map handler writing it, as the
     * bindings name them): a name that is the type of none of them is refused once their types are seen.
     */
    public JoinReducer readingSources(Collection<String> sourcePaths) {
        return new JoinReducer(mapping, fetcher, chunkSize, sourcePaths);
    }

    /** The paths of the map target's sources given to {@link #readingSources}, empty when not given. */
    public List<String> sourcePaths() {
        return names.sourcePaths();
    }

    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        List<ObjectNode> chunk = new ArrayList<>();
        for (ObjectNode row : input.rows()) {
            chunk.add(row);
            if (chunk.size() == chunkSize) {
                joinChunk(chunk, context, result);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            joinChunk(chunk, context, result);
        }
        return result;
    }

    private void joinChunk(List<ObjectNode> rows, HandlerContext context, ObjectNode result) {
        Map<String, Set<String>> idsByType = new LinkedHashMap<>();
        for (ObjectNode row : rows) {
            String type = JsonValues.text(row, "_mr_source_type");
            String id = JsonValues.text(row, "_mr_source_id");
            if (type != null && id != null) {
                idsByType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(id);
            }
        }
        Map<String, Map<String, ObjectNode>> sources = new HashMap<>();
        idsByType.forEach((type, ids) -> {
            List<ObjectNode> fetched = fetcher.fetch(context, type, List.copyOf(ids));
            names.saw(type, fetched.stream().map(r -> JsonValues.text(r, "type")).filter(Objects::nonNull)
                    .findFirst().orElse(null));
            sources.put(type, fetched.stream()
                    .filter(r -> JsonValues.text(r, "id") != null)
                    .collect(Collectors.toMap(r -> JsonValues.text(r, "id"), r -> r, (a, b) -> a)));
        });
        names.check(context == null ? "its map target" : context.sourceType());
        // Apply in row order, so that later rows overwrite earlier ones as in the original.
        for (ObjectNode row : rows) {
            Map<String, ObjectNode> ofType = sources.get(JsonValues.text(row, "_mr_source_type"));
            String id = JsonValues.text(row, "_mr_source_id");
            ObjectNode source = ofType == null || id == null ? null : ofType.get(id);
            Map<String, String> fields = source == null ? null : mapping.get(JsonValues.text(source, "type"));
            if (fields != null) {
                String type = JsonValues.text(row, "_mr_source_type");
                fields.forEach((from, to) -> result.set(to == null ? from : to,
                        MissingFieldException.require(source, from, "source resource", type,
                                "the join lists it under type name '" + JsonValues.text(source, "type") + "'")
                                .deepCopy()));
            }
        }
    }

    /** Canonical text, e.g. {@code join({org: {id: org_id}, report: {id: report_id}})}. */
    public String description() {
        return describe(mapping);
    }

    /** The canonical text of a join mapping (also what {@code version: auto} hashes). */
    public static String describe(Map<String, Map<String, String>> mapping) {
        return "join(" + mapping.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().entrySet().stream()
                        .map(f -> f.getKey() + ": " + f.getValue())
                        .collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.joining(", ", "{", "}")) + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
