package org.switchboard.hub.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Message;
import org.apache.camel.http.common.DefaultHttpBinding;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line behind the HTTP routes' error handling ({@link HttpRouteConfiguration}): camel-jetty would answer an exception
 * that reaches it with the exception's text and stack trace as the body. This answers JSON and logs the cause.
 */
public final class JsonExceptionBinding extends DefaultHttpBinding {
    private static final Logger LOG = LoggerFactory.getLogger(JsonExceptionBinding.class);

    @Override
    public void doWriteExceptionResponse(Throwable exception, HttpServletResponse response) throws IOException {
        write(exception, response);
    }

    @Override
    protected void populateRequestParameters(HttpServletRequest request, Message message) {
        try {
            super.populateRequestParameters(FormlessRequest.of(request), message);
        } catch (RuntimeException e) {
            rethrowUnlessBadQuery(e);
        }
    }

    /**
     * A query Jetty cannot decode (bytes that are not UTF-8) fails camel-jetty before any route, as a 500: its
     * parameters are left out of the headers instead, and the route that reads the raw query refuses it (400).
     */
    static void rethrowUnlessBadQuery(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() == 400) {
                return;
            }
        }
        throw e;
    }

    /** The JSON answer to an exception no route answered: its 4xx when it is one, else 500 with a log reference. */
    static void write(Throwable exception, HttpServletResponse response) throws IOException {
        int status = 500;
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                status = h.getCode();
                break;
            }
        }
        String body;
        if (status == 500) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("an HTTP request failed outside any route's handling (reference {})", reference, exception);
            body = "{\"error\":\"internal error\",\"detail\":\"the hub could not answer this request; its log says why"
                    + " under reference " + reference + "\"}";
        } else {
            body = new String(JsonErrorHandler.body(status, null, null), StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().write(body);
    }
}
