package org.switchboard.hub.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the API refuses: the 4xx status and the JSON body {@code {"error", "detail", ...}} it answers with. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> body = new LinkedHashMap<>();

    public ApiException(int status, String error, String detail) {
        super(error + ": " + detail, null, false, false);
        this.status = status;
        body.put("error", error);
        body.put("detail", detail);
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException notFound(String error, String detail) {
        return new ApiException(404, error, detail);
    }

    /** Adds a field to the answer beside error and detail (e.g. the per-field errors of an edit). */
    public ApiException with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
