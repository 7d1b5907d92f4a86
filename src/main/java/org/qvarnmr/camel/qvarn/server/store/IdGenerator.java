package org.qvarnmr.camel.qvarn.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids and revisions in 0.82's form (section 1.1): {@code XXXX-<32 random hex>-CCCCCCCC}, where
 * XXXX starts the SHA-512 of a type string and CCCCCCCC starts the SHA-512 of the first two parts.
 */
public final class IdGenerator {
    static final String REVISION = "revision id";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> prefixes = new ConcurrentHashMap<>();

    /** @param typeString a type name, {@value #REVISION}, or an internal table name */
    String next(String typeString) {
        String prefix = prefixes.computeIfAbsent(typeString, t -> sha512Hex(t).substring(0, 4));
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String middle = HexFormat.of().formatHex(bytes);
        return prefix + "-" + middle + "-" + sha512Hex(prefix + middle).substring(0, 8);
    }

    String revision() {
        return next(REVISION);
    }

    public static String sha512Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is always available", e);
        }
    }
}
