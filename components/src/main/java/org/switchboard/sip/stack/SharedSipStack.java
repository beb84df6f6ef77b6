package org.switchboard.sip.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's JAIN-SIP stack on one address (its listening points, provider and factories), shared by every part of the
 * hub that speaks SIP there, each through a {@link SipHandler}. The first {@link #open} creates and starts it; the
 * {@link #close} of the last handler stops it, with all of JAIN-SIP's threads.
 */
public final class SharedSipStack implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSipStack.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    // One stack per listening address, since a second could not bind it. Guarded by itself, as is every open and close.
    private static final Map<String, SharedSipStack> OPEN = new HashMap<>();

    private final String name;
    private final SipStackOptions options;
    private final SipStack stack;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    // Read by the stack's threads for every request, written only when a handler opens or closes.
    private final List<SipHandler> handlers = new CopyOnWriteArrayList<>();
    private SipProvider provider;

    private SharedSipStack(String name, SipStackOptions options) throws Exception {
        this.name = name;
        this.options = options;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        // Stack names are unique: the factory keeps every stack it made by name.
        stack = factory.createSipStack(
                options.stackProperties("switchboard-sip-" + name + "-" + STACKS.incrementAndGet()));
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
    }

    /**
     * The stack on {@code options}' address with {@code handler} added, started if it was not running yet.
     *
     * @param user names the stack in logs and thread names when this call creates it
     * @throws IllegalStateException when the address is already open with other options
     */
    public static SharedSipStack open(String user, SipStackOptions options, SipHandler handler) throws Exception {
        synchronized (OPEN) {
            SharedSipStack shared = OPEN.get(options.address());
            if (shared == null) {
                shared = new SharedSipStack(user, options);
                // Before it listens: the first request may come at once.
                shared.handlers.add(handler);
                shared.listen();
                OPEN.put(options.address(), shared);
            } else if (shared.options.equals(options)) {
                shared.handlers.add(handler);
            } else {
                throw new IllegalStateException(user + " wants SIP on " + options.address() + " with " + options
                        + ", but " + shared.name + " listens there with " + shared.options);
            }
            return shared;
        }
    }

    private void listen() throws Exception {
        try {
            for (String transport : options.transports()) {
                ListeningPoint lp = stack.createListeningPoint(options.host(), options.port(), transport);
                listeningPoints.add(lp);
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
            }
            provider.addSipListener(this);
            stack.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
        LOG.debug("SIP stack of {} started on {} ({})", name, options.address(), options.transports());
    }

    /** Takes {@code handler} off the stack; when it was the last, stops the stack and ends its threads. */
    public void close(SipHandler handler) {
        synchronized (OPEN) {
            if (handlers.remove(handler) && handlers.isEmpty()) {
                OPEN.remove(options.address(), this);
                // Under the lock: a user opening the address again must find it free.
                stop();
            }
        }
    }

    private void stop() {
        JainSipThreads.awaitUdpStarted(listeningPoints, SipStackOptions.UDP_THREADS);
        if (provider != null) {
            provider.removeSipListener(this);
            try {
                // Stops the provider's event thread, which is not a daemon and would keep the JVM alive.
                stack.deleteSipProvider(provider);
            } catch (Exception e) {
                LOG.debug("SIP on {}: deleting the provider: {}", options.address(), e.toString());
            }
        }
        EventScanner scanner = ((SipStackImpl) stack).getEventScanner();
        // Stop before deleting the listening points: deleting one under a running stack lets a late retransmission hit
        // a null socket.
        stack.stop();
        JainSipThreads.endScanner(scanner, this);
        for (ListeningPoint lp : listeningPoints) {
            try {
                stack.deleteListeningPoint(lp);
            } catch (Exception e) {
                LOG.debug("SIP on {}: deleting {} after stop: {}", options.address(), lp, e.toString());
            }
        }
        listeningPoints.clear();
        provider = null;
    }

    /** Sends requests and creates transactions; a transaction's application data names the handler it belongs to. */
    public SipProvider provider() {
        return provider;
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    /** Answers digest challenges with the credentials {@code accounts} gives for a realm. */
    public AuthenticationHelper authentication(AccountManager accounts) {
        return ((SipStackExt) stack).getAuthenticationHelper(accounts, headers);
    }

    @Override
    public void processRequest(RequestEvent event) {
        SipHandler owner = owner(event.getDialog());
        if (owner != null && owner.onRequest(event)) {
            return;
        }
        for (SipHandler handler : handlers) {
            if (handler != owner && handler.onRequest(event)) {
                return;
            }
        }
        if (!Request.ACK.equals(event.getRequest().getMethod())) {
            // Nobody here takes it: an answer spares the peer its retransmissions.
            notImplemented(event);
        }
    }

    private void notImplemented(RequestEvent event) {
        try {
            Response response = messages.createResponse(Response.NOT_IMPLEMENTED, event.getRequest());
            ServerTransaction tx = event.getServerTransaction();
            if (tx != null) {
                tx.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (Exception e) {
            LOG.debug("SIP on {}: cannot answer {}: {}", options.address(), event.getRequest().getMethod(),
                    e.toString());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        SipHandler owner = event.getClientTransaction() != null ? owner(event.getClientTransaction())
                : owner(event.getDialog());
        if (owner != null) {
            owner.onResponse(event);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        SipHandler owner = owner(event.isServerTransaction() ? event.getServerTransaction()
                : event.getClientTransaction());
        if (owner != null) {
            owner.onTimeout(event);
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        SipHandler owner = owner(event.isServerTransaction() ? event.getServerTransaction()
                : event.getClientTransaction());
        if (owner != null) {
            owner.onTransactionTerminated(event);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        SipHandler owner = owner(event.getDialog());
        if (owner != null) {
            owner.onDialogTerminated(event);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP on {}: I/O error towards {}:{}/{}", options.address(), event.getHost(), event.getPort(),
                event.getTransport());
    }

    private static SipHandler owner(Transaction tx) {
        return tx != null && tx.getApplicationData() instanceof SipHandler h ? h : null;
    }

    private static SipHandler owner(Dialog dialog) {
        return dialog != null && dialog.getApplicationData() instanceof SipHandler h ? h : null;
    }
}
