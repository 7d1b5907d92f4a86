package org.qvarnmr.camel.qvarn.server;

/** The content of a file subresource (section 4.2). */
record StoredFile(byte[] content, String contentType) {
}
