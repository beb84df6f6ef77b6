package org.switchboard.hub.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** The API's answer: a status and a JSON body, without the request's headers echoed back as response headers. */
final class JsonReply {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReply() {
    }

    /**
     * camel-jetty turns every header left on the message into a response header: the request's own (Authorization
     * included) and its query parameters (a filter's text, possibly not even valid in a header). Only the headers of
     * the answer stay.
     */
    static void send(Exchange exchange, int status, Object body) throws JsonProcessingException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getMessage().removeHeaders("*", "WWW-Authenticate", "Allow");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setBody(json);
    }
}
