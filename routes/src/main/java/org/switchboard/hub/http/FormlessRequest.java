package org.switchboard.hub.http;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * A request whose parameters are its query's alone when its body is a multipart form, which no route of the hub takes.
 * camel-jetty gives its servlet a multipart configuration, so Jetty parses such a body into parameters as soon as
 * camel-jetty asks for them; a form Jetty cannot parse fails the request's input, and the route's own answer (415: send
 * the file itself) then goes out on a connection Jetty closes without a {@code Connection: close}: a client that sends
 * its next request on it gets no answer at all. Left unread, the body is what the route refuses.
 */
final class FormlessRequest extends HttpServletRequestWrapper {
    private final Map<String, String[]> parameters;

    private FormlessRequest(HttpServletRequest request) {
        super(request);
        this.parameters = queryOf(request.getQueryString());
    }

    /** The request itself, or for a multipart body the same request with the query's parameters only. */
    static HttpServletRequest of(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/") ? new FormlessRequest(request)
                : request;
    }

    // A query that is not URL-encoded UTF-8 gives no parameters, as camel-jetty's own failure to read one does in the
    // bindings: the routes read the raw query and refuse it.
    private static Map<String, String[]> queryOf(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        MultiMap<String> decoded;
        try {
            decoded = UrlEncoded.decodeQuery(query);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : decoded.entrySet()) {
            out.put(e.getKey(), e.getValue().toArray(String[]::new));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }
}
