package org.switchboard.hub.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors of the HTTP routes as JSON {@code {"error", "detail"}}: the common answer, and those to a failure no handler
 * answered ({@link HttpRouteConfiguration}): a 500 or 503 with a reference to the log line, never a stack trace.
 */
public final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    /** Answers an error as JSON. */
    public static void reply(Exchange exchange, int status, String error, String detail) throws JsonProcessingException {
        JsonReply.send(exchange, status, body(error, detail));
    }

    /** A JSON error body. */
    public static Map<String, Object> body(String error, String detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("detail", detail);
        return out;
    }

    /** An exception no handler answered: 413 or 400 when it says so, else 500 with the cause logged, not shown. */
    static void unexpected(Exchange exchange, Throwable cause) throws JsonProcessingException {
        int status = statusOf(cause);
        if (status == 413) {
            reply(exchange, 413, "request body too large", "the body grew past switchboard.http.max-body-bytes"
                    + " while it was read");
        } else if (status == 400) {
            reply(exchange, 400, "the body is not valid JSON",
                    cause instanceof JsonProcessingException j ? j.getOriginalMessage() : "malformed request");
        } else {
            String reference = logged(exchange, cause);
            reply(exchange, 500, "internal error", "the hub could not answer this request; its log says why under"
                    + " reference " + reference);
        }
    }

    /** 503 for a database failure, its cause logged under a reference the answer names. */
    public static void databaseUnavailable(Exchange exchange, Throwable cause) throws JsonProcessingException {
        String reference = logged(exchange, cause);
        reply(exchange, 503, "database unavailable", "the hub's database failed this request; its log says why under"
                + " reference " + reference);
    }

    private static String logged(Exchange exchange, Throwable cause) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("HTTP {} {} failed (reference {})", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                exchange.getIn().getHeader(Exchange.HTTP_URI), reference, cause);
        return reference;
    }

    /** 413 for a body Jetty cut off at the size limit, 400 for JSON that does not parse, else 500. */
    static int statusOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() == 413) {
                return 413;
            }
            if (t instanceof JsonProcessingException) {
                return 400;
            }
        }
        return 500;
    }
}
