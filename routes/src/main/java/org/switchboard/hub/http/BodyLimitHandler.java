package org.switchboard.hub.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses request bodies over the limit: at once when Content-Length says so, and while the body is read when it
 * comes in chunks. Like Jetty's SizeLimitHandler, but it marks the request, because camel-jetty reads the body
 * before any route runs and answers a failed read with a bare 500: {@link JsonErrorHandler} turns that into the 413.
 */
final class BodyLimitHandler extends Handler.Wrapper {
    static final String TOO_LARGE = "switchboard.bodyTooLarge";

    private final long limit;

    BodyLimitHandler(long limit) {
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() > limit) {
            request.setAttribute(TOO_LARGE, Boolean.TRUE);
            Response.writeError(request, response, callback, 413);
            return true;
        }
        return super.handle(new Request.Wrapper(request) {
            private long read;

            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (chunk != null && chunk.hasRemaining()) {
                    read += chunk.remaining();
                    if (read > limit) {
                        chunk.release();
                        setAttribute(TOO_LARGE, Boolean.TRUE);
                        throw new HttpException.RuntimeException(413, "request body over " + limit + " bytes");
                    }
                }
                return chunk;
            }
        }, response, callback);
    }
}
