package org.qvarnmr.camel.qvarn.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to send: status, content type (null for none), body and extra headers. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";
    /** Bottle's default, used for DELETE answers and framework error pages. */
    static final String HTML = "text/html; charset=UTF-8";

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response json(int status, byte[] body) {
        return new Response(status, JSON, body, Map.of());
    }

    /** 200 with an empty body, as DELETE answers in 0.82. */
    public static Response empty() {
        return new Response(200, HTML, new byte[0], Map.of());
    }

    /** A framework (not Qvarn) error page: unknown path, wrong method, crash, injected fault. */
    public static Response html(int status, String detail) {
        String title = "Error: " + status + " " + reason(status);
        String page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n<head><title>" + title
                + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<pre>" + escape(detail)
                + "</pre>\n</body>\n</html>\n";
        return new Response(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#039;");
    }
}
