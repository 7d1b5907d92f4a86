package org.qvarnmr.camel.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code version: auto}: a stable positive version derived from the canonical definition (type, handler
 * and map, keys sorted; class and bean handlers add their seed), so that the same definition gives the
 * same number on every run and machine and an edited definition gives a new one.
 */
final class AutoVersion {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private AutoVersion() {
    }

    /** The canonical JSON text of a definition. */
    static String canonical(HandlerKind kind, HandlerSpec handler, String seed, HandlerSpec map) {
        Map<String, Object> handlerPart = new LinkedHashMap<>(handler.canonical());
        if (seed != null) {
            handlerPart.put("seed", seed);
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("type", kind.name().toLowerCase(Locale.ROOT));
        definition.put("handler", handlerPart);
        definition.put("map", map == null ? null : map.canonical());
        try {
            return CANONICAL.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical definition", e);
        }
    }

    /** The first 31 bits of the SHA-256 of the canonical text; never 0. */
    static int of(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            int version = ByteBuffer.wrap(digest).getInt() >>> 1;
            return version == 0 ? 1 : version;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
