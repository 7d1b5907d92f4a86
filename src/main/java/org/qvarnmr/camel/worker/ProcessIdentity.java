package org.qvarnmr.camel.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The host name and process id a worker runs as: the readable part of its signature in the ownership
 * records. Given to {@link QvarnMr.Builder#process} rather than read inside, so that a test can run two
 * workers as the same host and pid, which two containers on one host name, each with Java as PID 1, are.
 */
public record ProcessIdentity(String host, long pid) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public ProcessIdentity {
        Objects.requireNonNull(host, "host");
    }

    /** This JVM's host name (localhost when it has none) and pid. */
    public static ProcessIdentity current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return new ProcessIdentity(host, ProcessHandle.current().pid());
    }

    /** {@code host/pid}, what the original signed with. */
    public String name() {
        return host + "/" + pid;
    }

    /**
     * A new worker's signature, {@code host/pid/<8 hex digits>}: the random part tells apart workers that share
     * host and pid, and every worker of one process; {@code host/pid} keeps "already running on ..." telling
     * where to look. The original compares signatures as text, so it refuses such an owner as any other.
     */
    public String newSignature() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return name() + "/" + HexFormat.of().formatHex(random);
    }
}
