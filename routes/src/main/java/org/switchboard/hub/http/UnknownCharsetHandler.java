package org.switchboard.hub.http;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a body whose Content-Type names a character set Java does not know ({@code charset=foo}) with 415 before any
 * route: Jetty throws on the first look at such a Content-Type, which camel-jetty does before its binding, and the
 * client got a bare 500 and a warning with a stack trace in the log. {@link JsonErrorHandler} writes the JSON answer,
 * naming the character set.
 */
final class UnknownCharsetHandler extends Handler.Wrapper {
    /** Request attribute holding the character set a refused request named. */
    static final String UNKNOWN_CHARSET = "switchboard.unknownCharset";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpField type = request.getHeaders().getField(HttpHeader.CONTENT_TYPE);
        String charset = type == null ? null : MimeTypes.getCharsetFromContentType(type.getValue());
        if (charset != null && !known(charset)) {
            request.setAttribute(UNKNOWN_CHARSET, charset);
            Response.writeError(request, response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
