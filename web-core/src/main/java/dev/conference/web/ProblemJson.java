package dev.conference.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RFC 9457 problem body, for the places that write one without a controller (filters, security
 * handlers), servlet and reactive alike, and the words both say to users about the problems they share.
 */
public final class ProblemJson {

    /** The title of a 413, with {@link #tooLargeDetail(long)}. */
    public static final String TOO_LARGE_TITLE = "Request body too large";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {
    }

    public static String tooLargeDetail(long limitBytes) {
        return "The request body must not be larger than " + limitBytes + " bytes.";
    }

    /** The body as UTF-8 JSON (no charset parameter: JSON is UTF-8 by definition, RFC 8259). */
    public static byte[] bytes(HttpStatus status, String title, String detail, String path) {
        return JSON.writeValueAsBytes(body(status, title, detail, path));
    }

    /**
     * {@code type}, {@code title}, {@code status}, {@code detail} when given, and {@code instance}: the
     * request's path, with anything a URI reference cannot hold dropped. A null path leaves it out.
     */
    public static Map<String, Object> body(HttpStatus status, String title, String detail, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (path != null) {
            body.put("instance", URI.create(path.replaceAll("[^A-Za-z0-9/._~%-]", "")).toString());
        }
        return body;
    }
}
