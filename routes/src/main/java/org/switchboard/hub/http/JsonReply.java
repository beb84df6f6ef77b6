package org.switchboard.hub.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** The API's answer: a status and a JSON body, without the request's headers echoed back as response headers. */
public final class JsonReply {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESPONSE_HEADERS = "SwitchboardResponseHeaders";

    private JsonReply() {
    }

    /**
     * camel-jetty turns every header left on the message into a response header: the request's own (Authorization
     * included) and its query parameters (a filter's text, possibly not even valid in a header). Only the headers of
     * the answer stay: those given to {@link #header}.
     */
    public static void send(Exchange exchange, int status, Object body) throws JsonProcessingException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getMessage().removeHeaders("*");
        Map<String, String> headers = responseHeaders(exchange);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setBody(json);
    }

    /**
     * A header of the answer (Set-Cookie, Retry-After, WWW-Authenticate...), kept aside so that a request header or
     * query parameter of the same name can never stand in for it.
     */
    public static void header(Exchange exchange, String name, String value) {
        responseHeaders(exchange).put(name, value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> responseHeaders(Exchange exchange) {
        Map<String, String> headers = exchange.getProperty(RESPONSE_HEADERS, Map.class);
        if (headers == null) {
            headers = new LinkedHashMap<>();
            exchange.setProperty(RESPONSE_HEADERS, headers);
        }
        return headers;
    }
}
