package org.switchboard.hub.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.apache.camel.component.jetty.JettyHttpComponent;
import org.apache.camel.component.jetty.JettyHttpEndpoint;
import org.apache.camel.component.jetty12.JettyHttpComponent12;
import org.apache.camel.component.jetty12.JettyHttpEndpoint12;
import org.apache.camel.http.common.HttpBinding;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * camel-jetty for the hub, bound as the {@code jetty} component: every request body limited to
 * {@code maxBodyBytes} (from Content-Length at once, and while it is read for a body sent in chunks), and errors
 * answered as JSON without a stack trace, whichever route (or none) the request reached.
 */
public final class SwitchboardJetty extends JettyHttpComponent12 {
    private final long maxBodyBytes;

    public SwitchboardJetty(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        setErrorHandler(new JsonErrorHandler());
        setSendServerVersion(false);
    }

    // camel-jetty refuses a binding set on the component: each endpoint gets its own, as JettyHttpEndpoint12 would.
    @Override
    protected JettyHttpEndpoint createEndpoint(URI endpointUri, URI httpUri) throws URISyntaxException {
        return new Endpoint(this, endpointUri.toString(), httpUri);
    }

    // Called for each new server, right after camel-jetty set its servlet context as the server's handler.
    @Override
    protected void addJettyHandlers(Server server, List<Handler> handlers) {
        super.addJettyHandlers(server, handlers);
        if (!(server.getHandler() instanceof BodyLimitHandler)) {
            BodyLimitHandler limit = new BodyLimitHandler(maxBodyBytes);
            limit.setHandler(server.getHandler());
            server.setHandler(limit);
        }
    }

    /**
     * An endpoint whose default binding answers exceptions as JSON. It configures the binding as camel-jetty's own
     * default does, less multipart attachments (the API takes CSV and JSON bodies, never forms with files). A binding
     * given explicitly (the REST DSL's) is kept.
     */
    static final class Endpoint extends JettyHttpEndpoint12 {
        private HttpBinding binding;

        Endpoint(JettyHttpComponent component, String uri, URI httpUri) throws URISyntaxException {
            super(component, uri, httpUri);
        }

        @Override
        public synchronized HttpBinding getHttpBinding() {
            if (binding == null) {
                JsonExceptionBinding own = new JsonExceptionBinding();
                own.setTransferException(false);
                own.setMuteException(isMuteException());
                own.setLogException(isLogException());
                own.setAllowJavaSerializedObject(false);
                own.setHeaderFilterStrategy(getHeaderFilterStrategy());
                own.setEagerCheckContentAvailable(isEagerCheckContentAvailable());
                own.setMapHttpMessageBody(isMapHttpMessageBody());
                own.setMapHttpMessageHeaders(isMapHttpMessageHeaders());
                own.setMapHttpMessageFormUrlEncodedBody(isMapHttpMessageFormUrlEncodedBody());
                setHttpBinding(own);
            }
            return binding;
        }

        @Override
        public synchronized void setHttpBinding(HttpBinding binding) {
            super.setHttpBinding(binding);
            this.binding = binding;
        }
    }
}
