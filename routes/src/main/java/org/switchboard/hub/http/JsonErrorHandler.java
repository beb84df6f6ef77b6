package org.switchboard.hub.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as the API's JSON: a path no route consumes (404), a method a route does not take (405),
 * a body over the size limit (413), a character set the hub does not know (415), a malformed request (400). Never a
 * cause or stack: the message is the status's.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The method of the request Jetty hands its error handler for one it could not parse. */
    private static final String UNPARSED = "BAD";

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // PUT, DELETE and PATCH deserve a JSON body too, not only GET, POST and HEAD
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        if (Boolean.TRUE.equals(request.getAttribute(BodyLimitHandler.TOO_LARGE))) {
            code = 413; // camel-jetty reports a body cut off at the limit as a bare 500
            response.setStatus(413);
        }
        Object charset = request.getAttribute(UnknownCharsetHandler.UNKNOWN_CHARSET);
        byte[] body = charset != null ? unknownCharset(charset.toString())
                : UNPARSED.equals(request.getMethod()) ? unparsed(message)
                : body(code, request.getMethod(), request.getHttpURI().getPath());
        if (code == 400 || code == 413 || code == 415) {
            // Jetty closes the connection after a request it could not parse, or whose body it left unread, without
            // saying so: a keep-alive client would send its next request on a connection that is going away.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Jetty's stand-in for a request it could not parse (a NUL in the path, a broken request line or header). */
    private static byte[] unparsed(String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", "bad request");
        boolean says = message != null && !message.isBlank() && !message.equalsIgnoreCase(HttpStatus.getMessage(400));
        out.put("detail", "the request line or a header could not be read (a NUL or a broken escape in the path?)"
                + (says ? ": " + message : ""));
        return json(out);
    }

    private static byte[] unknownCharset(String charset) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", "unknown character set");
        out.put("detail", "the Content-Type names a character set the hub does not know: " + charset
                + "; send UTF-8 (charset=utf-8)");
        return json(out);
    }

    static byte[] body(int code, String method, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        String where = method == null ? "" : method + " " + path;
        switch (code) {
            case 404 -> {
                out.put("error", "no such resource");
                out.put("detail", where);
            }
            case 405 -> {
                out.put("error", "method not allowed");
                out.put("detail", where);
            }
            case 413 -> {
                out.put("error", "request body too large");
                out.put("detail", "the limit is switchboard.http.max-body-bytes");
            }
            default -> {
                out.put("error", HttpStatus.getMessage(code).toLowerCase(java.util.Locale.ROOT));
                out.put("detail", code >= 500 ? "the hub could not answer this request" : where);
            }
        }
        return json(out);
    }

    private static byte[] json(Map<String, Object> out) {
        try {
            return JSON.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"error\",\"detail\":\"\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
