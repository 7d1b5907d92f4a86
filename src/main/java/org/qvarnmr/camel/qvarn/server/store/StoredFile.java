package org.qvarnmr.camel.qvarn.server.store;

/** The content of a file subresource (section 4.2). */
public record StoredFile(byte[] content, String contentType) {
}
