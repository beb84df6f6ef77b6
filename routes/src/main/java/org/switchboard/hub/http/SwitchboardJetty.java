package org.switchboard.hub.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jetty.JettyHttpComponent;
import org.apache.camel.component.jetty.JettyHttpEndpoint;
import org.apache.camel.component.jetty.JettyRestHttpBinding;
import org.apache.camel.component.jetty12.JettyHttpComponent12;
import org.apache.camel.component.jetty12.JettyHttpEndpoint12;
import org.apache.camel.http.base.HttpHelper;
import org.apache.camel.http.common.CamelServlet;
import org.apache.camel.http.common.HttpBinding;
import org.apache.camel.http.common.HttpCommonEndpoint;
import org.apache.camel.spi.RestConfiguration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * camel-jetty for the hub, bound as the {@code jetty} component the REST DSL uses: every request body limited to
 * {@code maxBodyBytes} (from Content-Length at once, and while it is read for a body sent in chunks), errors answered
 * as JSON without a stack trace whichever route (or none) the request reached, and a request no route takes given to
 * the fallback route ({@link UnmatchedRoute}) instead of Jetty's bare 404 or 405.
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

    /** Camel's resolver of the route for a request, with the fallback route behind it ({@link FallbackResolver}). */
    @Override
    protected CamelServlet createServletForConnector(Server server, Connector connector, List<Handler> handlers,
            JettyHttpEndpoint endpoint) throws Exception {
        CamelServlet servlet = super.createServletForConnector(server, connector, handlers, endpoint);
        servlet.setServletResolveConsumerStrategy(new FallbackResolver(servlet.getServletResolveConsumerStrategy()));
        return servlet;
    }

    /**
     * The OpenAPI document at exactly its path and for GET only, like every REST operation: camel-jetty would otherwise
     * serve it at every path below its own as well.
     */
    @Override
    public Consumer createApiConsumer(CamelContext camelContext, Processor processor, String contextPath,
            RestConfiguration configuration, Map<String, Object> parameters) throws Exception {
        return createConsumer(camelContext, processor, "GET", contextPath, null, null, null, configuration, parameters);
    }

    // Called for each new server, right after camel-jetty set its servlet context as the server's handler.
    @Override
    protected void addJettyHandlers(Server server, List<Handler> handlers) {
        super.addJettyHandlers(server, handlers);
        if (!(server.getHandler() instanceof UnknownCharsetHandler)) {
            BodyLimitHandler limit = new BodyLimitHandler(maxBodyBytes);
            limit.setHandler(server.getHandler());
            UnknownCharsetHandler charset = new UnknownCharsetHandler();
            charset.setHandler(limit);
            server.setHandler(charset);
        }
    }

    /**
     * An endpoint whose binding answers exceptions as JSON. Its default binding is configured as camel-jetty's own
     * default is, less multipart attachments (the API takes CSV and JSON bodies, never forms with files); the REST DSL's
     * binding (which reads the path's {parameters}) is replaced by the same with JSON exceptions.
     */
    static final class Endpoint extends JettyHttpEndpoint12 {
        private HttpBinding binding;

        Endpoint(JettyHttpComponent component, String uri, URI httpUri) throws URISyntaxException {
            super(component, uri, httpUri);
        }

        /**
         * No route takes a form with files, and camel-jetty's multipart filter, on by default, parses one before any
         * route: one it cannot parse is answered 400 by Jetty on a connection it then closes without saying so.
         */
        @Override
        public boolean isEnableMultipartFilter() {
            return false;
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
            if (binding != null && binding.getClass() == JettyRestHttpBinding.class) {
                binding = new RestBinding(this);
            }
            super.setHttpBinding(binding);
            this.binding = binding;
        }
    }

    /**
     * The REST DSL's binding, exceptions answered as JSON, a query Jetty cannot decode left to the route to refuse, and
     * no form read into headers (the API takes JSON and CSV: a form body stays the body, which /login refuses).
     */
    static final class RestBinding extends JettyRestHttpBinding {
        RestBinding(HttpCommonEndpoint endpoint) {
            super(endpoint);
            setMapHttpMessageFormUrlEncodedBody(false);
        }

        @Override
        protected void populateRequestParameters(HttpServletRequest request, Message message) {
            try {
                super.populateRequestParameters(FormlessRequest.of(request), message);
            } catch (RuntimeException e) {
                JsonExceptionBinding.rethrowUnlessBadQuery(e);
                // the path's {parameters}, which the parameters' failure kept camel-jetty from reading
                String consumerPath = ((JettyHttpEndpoint) message.getExchange().getFromEndpoint()).getPath();
                if (request.getPathInfo() != null && consumerPath.indexOf('{') >= 0) {
                    HttpHelper.evalPlaceholders(message.getHeaders(), request.getPathInfo(), consumerPath);
                }
            }
        }

        @Override
        public void doWriteExceptionResponse(Throwable exception, HttpServletResponse response) throws java.io.IOException {
            JsonExceptionBinding.write(exception, response);
        }
    }
}
