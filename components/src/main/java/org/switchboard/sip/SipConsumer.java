package org.switchboard.sip;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.RequestEventExt;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.stack.SharedSipStack;
import org.switchboard.sip.stack.SipHandler;
import org.switchboard.sip.stack.SipStackOptions;

/**
 * Listens for SIP on UDP and TCP through the shared stack of its address, answers the PBX, keeps up the endpoint's
 * subscriptions, and routes every message-summary NOTIFY. The stack's thread only creates the server transaction and
 * judges the request; the route runs on a pool, which answers 200 once the route has completed (so what the route
 * stores is committed before the PBX is told OK) and 500 when it failed.
 */
public class SipConsumer extends DefaultConsumer implements SipHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SipConsumer.class);
    // Methods a user agent knows but this one does not take: 405 with Allow. Anything else is 501.
    private static final Set<String> KNOWN_METHODS = Set.of(Request.INVITE, Request.SUBSCRIBE, Request.MESSAGE,
            Request.REFER, Request.INFO, Request.UPDATE, Request.PUBLISH, Request.PRACK, Request.REGISTER);

    private final SipEndpoint endpoint;
    private final SipConfiguration config;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // Read by the stack's threads for every NOTIFY, written only at start and stop.
    private final List<SipSubscription> subscriptions = new CopyOnWriteArrayList<>();

    private SharedSipStack stack;
    private SipBinding binding;
    private ExecutorService routePool;
    private ScheduledExecutorService scheduler;
    private SipHealthCheck health;
    private volatile boolean listening;
    private volatile String lastError;

    public SipConsumer(SipEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Ready before the stack opens: on an address another handler holds already, requests come at once.
        binding = new SipBinding(new PeerAllowList(config.allowedPeerList()),
                SipFactory.getInstance().createAddressFactory());
        routePool = endpoint.getCamelContext().getExecutorServiceManager().newThreadPool(this,
                "SipConsumer[" + endpoint.getName() + "]", routePoolProfile());
        scheduler = endpoint.getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "SipSubscriptions[" + endpoint.getName() + "]");
        try {
            stack = SharedSipStack.open(endpoint.getName(), new SipStackOptions(config.getHost(), config.getPort(),
                    config.transportList(), config.getUdpBufferSize(), config.getTraceLevel()), this);
        } catch (Exception e) {
            lastError = e.getMessage();
            throw e;
        }
        listening = true;
        LOG.info("sip:{} listening on {}:{} ({})", endpoint.getName(), config.getHost(), config.getPort(),
                config.getTransports());
        SubscriptionContext context = new SubscriptionContext(stack, scheduler, config, stack.authentication(
                (tx, realm) -> new Credentials(config.getUsername(), config.getPassword(), realm)));
        for (String target : config.subscribeList()) {
            SipSubscription s = new SipSubscription(SubscriptionTarget.parse(target), context);
            subscriptions.add(s);
            s.start();
        }
        health = new SipHealthCheck(this);
        HealthCheckRegistry checks = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (checks != null) {
            health.setCamelContext(endpoint.getCamelContext());
            checks.register(health);
        }
    }

    private ThreadPoolProfile routePoolProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile("sip-" + endpoint.getName());
        profile.setPoolSize(config.getPoolSize());
        profile.setMaxPoolSize(config.getPoolSize());
        profile.setMaxQueueSize(config.getQueueSize());
        // A full queue makes the stack's thread run the route: back-pressure instead of dropped NOTIFYs.
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return profile;
    }

    @Override
    protected void doStop() throws Exception {
        listening = false;
        subscriptions.forEach(SipSubscription::stop);
        subscriptions.clear();
        if (health != null) {
            HealthCheckRegistry checks = HealthCheckRegistry.get(endpoint.getCamelContext());
            if (checks != null) {
                checks.unregister(health);
            }
        }
        var executors = endpoint.getCamelContext().getExecutorServiceManager();
        if (scheduler != null) {
            executors.shutdownNow(scheduler);
        }
        if (routePool != null) {
            // Let routes in flight finish and answer while the stack still runs.
            executors.shutdownGraceful(routePool, 10_000);
        }
        if (stack != null) {
            stack.close(this);
        }
        super.doStop();
    }

    /**
     * Takes every request that no other handler's dialog owns: NOTIFYs go to the route; the rest get the answers of a
     * user agent that takes only NOTIFY and OPTIONS.
     */
    @Override
    public boolean onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return true;
        }
        ServerTransaction tx = event.getServerTransaction();
        String subscriptionState = null;
        if (Request.NOTIFY.equals(method)) {
            SubscriptionStateHeader state = (SubscriptionStateHeader) request.getHeader(SubscriptionStateHeader.NAME);
            if (state != null) {
                subscriptionState = state.toString().substring(state.toString().indexOf(':') + 1).trim();
            } else if (!addSubscriptionState(request)) {
                return true;
            }
        }
        try {
            if (tx == null) {
                // Created before anything else: a retransmission then matches it and never reaches the route twice.
                tx = stack.provider().getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return true;
        } catch (Exception e) {
            LOG.warn("sip:{} cannot take {}: {}", endpoint.getName(), method, e.toString());
            return true;
        }
        switch (method) {
            case Request.NOTIFY -> onNotify((RequestEventExt) event, tx, subscriptionState);
            case Request.OPTIONS -> answer(tx, Response.OK, null);
            case Request.CANCEL, Request.BYE -> answer(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            default -> answer(tx, KNOWN_METHODS.contains(method) ? Response.METHOD_NOT_ALLOWED : Response.NOT_IMPLEMENTED,
                    null);
        }
        return true;
    }

    /**
     * chan_sip's unsolicited NOTIFY has no Subscription-State, which RFC 6665 requires and the stack checks before it
     * makes a server transaction. Without a transaction a retransmission would reach the route twice, so the parsed
     * request gets the header the PBX meant; the route still sees the state as absent.
     */
    private boolean addSubscriptionState(Request request) {
        try {
            request.addHeader(stack.headers().createSubscriptionStateHeader(SubscriptionStateHeader.ACTIVE));
            return true;
        } catch (java.text.ParseException e) {
            LOG.warn("sip:{} cannot complete a NOTIFY without Subscription-State: {}", endpoint.getName(), e.toString());
            return false;
        }
    }

    private void onNotify(RequestEventExt event, ServerTransaction tx, String subscriptionState) {
        Request request = event.getRequest();
        String ip = event.getRemoteIpAddress();
        int port = event.getRemotePort();
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via == null ? null : via.getTransport().toUpperCase(java.util.Locale.ROOT);
        SipSubscription subscription = subscriptions.stream().filter(s -> s.owns(request)).findFirst().orElse(null);
        NotifyVerdict verdict = binding.judge(request, ip);
        if (!verdict.isAccepted()) {
            // Answered here whatever the route does with it: the route only journals a rejection.
            rejected.incrementAndGet();
            answer(tx, verdict.statusCode(), verdict.reason());
        }
        if (subscription != null) {
            subscription.onNotify(request, event.getDialog());
        }
        SubscriptionTarget subscribed = subscription == null ? null : subscription.target();
        routePool.execute(() -> route(request, tx, verdict, ip, port, transport, subscriptionState, subscribed));
    }

    private void route(Request request, ServerTransaction tx, NotifyVerdict verdict, String ip, int port,
            String transport, String subscriptionState, SubscriptionTarget subscribed) {
        Exchange exchange = createExchange(false);
        try {
            binding.fill(exchange, request, verdict, ip, port, transport, subscriptionState, subscribed);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (verdict.isAccepted()) {
            if (failure == null) {
                accepted.incrementAndGet();
                answer(tx, Response.OK, null);
            } else {
                // The PBX sends the NOTIFY again: nothing is lost to a database that was down for a moment.
                failed.incrementAndGet();
                answer(tx, Response.SERVER_INTERNAL_ERROR, null);
            }
        }
        if (failure != null) {
            getExceptionHandler().handleException("sip:" + endpoint.getName() + " route failed for a NOTIFY", exchange,
                    failure);
        }
        releaseExchange(exchange, false);
    }

    private void answer(ServerTransaction tx, int status, String reason) {
        try {
            Response response = stack.messages().createResponse(status, tx.getRequest());
            if (reason != null) {
                response.setReasonPhrase(reasonPhrase(reason));
            }
            if (status == Response.BAD_EVENT) {
                response.addHeader(stack.headers().createAllowEventsHeader(SipConstants.EVENT_PACKAGE));
            }
            if (status == Response.METHOD_NOT_ALLOWED || Request.OPTIONS.equals(tx.getRequest().getMethod())) {
                response.addHeader(stack.headers().createAllowHeader(Request.NOTIFY + ", " + Request.OPTIONS));
                response.addHeader(stack.headers().createAcceptHeader(SipConstants.CONTENT_TYPE, SipConstants.CONTENT_SUBTYPE));
            }
            tx.sendResponse(response);
        } catch (Exception e) {
            LOG.warn("sip:{} cannot answer {} {}: {}", endpoint.getName(), status, tx.getRequest().getMethod(),
                    e.toString());
        }
    }

    // A reason phrase is one line of text (RFC 3261 25.1): no CR, LF or other controls.
    private static String reasonPhrase(String reason) {
        String line = reason.replaceAll("\\p{Cntrl}", " ");
        return line.length() <= 200 ? line : line.substring(0, 200);
    }

    boolean isListening() {
        return listening;
    }

    String lastError() {
        return lastError;
    }

    /** NOTIFYs answered 200 (counts for the health check and metrics). */
    public long acceptedCount() {
        return accepted.get();
    }

    /** NOTIFYs refused: a stranger, another event package, a malformed body. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** NOTIFYs whose route failed: answered with an error so that the PBX sends them again. */
    public long failedCount() {
        return failed.get();
    }

    /** The subscriptions this consumer keeps up, for the health check and tests. */
    public List<SipSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    @Override
    public SipEndpoint getEndpoint() {
        return endpoint;
    }

    private record Credentials(String getUserName, String getPassword, String getSipDomain)
            implements gov.nist.javax.sip.clientauthutils.UserCredentials {
    }
}
