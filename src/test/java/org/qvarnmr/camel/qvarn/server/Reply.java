package org.qvarnmr.camel.qvarn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** A response as a test sees it. */
record Reply(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    String contentType() {
        return header("Content-Type");
    }

    String errorCode() {
        return json().path("error_code").asText(null);
    }

    /** The ids of a {@code {"resources": [...]}} answer, in order. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        json().path("resources").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    String id() {
        return json().path("id").asText();
    }

    String revision() {
        return json().path("revision").asText();
    }
}
