package org.switchboard.calls.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallListener;
import org.switchboard.calls.CallTransition;
import org.switchboard.calls.ClickToCall;
import org.switchboard.calls.PbxDown;

/**
 * Click-to-call through the PBX's manager, over asterisk-java's {@link ManagerConnection}: each call is one
 * asynchronous Originate of the agent's channel into the context that dials the customer, then followed through the
 * PBX's events ({@link AmiCallTracker}). The hub logs in itself until the PBX first accepts it, telling an unreachable
 * PBX from a refused login; once logged in, a dropped session is re-established by asterisk-java (its reconnection
 * thread, {@link DisconnectEvent} then {@link ConnectEvent}), and the calls it followed are given up. While the session
 * is down a call fails at once with the reason. Nothing is sent again by itself: asterisk-java never repeats an action.
 */
public final class AmiClickToCall implements ClickToCall {
    private static final Logger LOG = LoggerFactory.getLogger(AmiClickToCall.class);
    /** The channel variable that names the hub's call on the PBX's channels, for its dialplan and its logs. */
    public static final String CALL_ID_VARIABLE = "SWITCHBOARD_CALL_ID";
    /** Beyond the agent's ring time, how long the PBX may take to say how the Originate went. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);
    /** Only call and system events are asked for: the call states, and the PBX's own start and shutdown. */
    private static final String EVENTS = "call,system";

    /**
     * Where the PBX's manager listens and how the hub logs in and keeps the link: {@code reconnect} doubling up to
     * {@code maxReconnect} between the hub's own login attempts (before the first success, and after a refused
     * re-login); a Ping every {@code keepalive}, and a peer silent for three of them taken as gone.
     */
    public record Settings(String host, int port, String user, String secret, Duration connectTimeout,
            Duration reconnect, Duration maxReconnect, Duration keepalive) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(secret, "secret");
        }
    }

    /** How the PBX's dialplan is reached for a call. */
    public record Dialplan(String channelTemplate, String context, String extenTemplate, Duration ringTime) {
        /** The agent's channel: {@code {agent}} in the template replaced, e.g. {@code PJSIP/{agent}}. */
        String channel(String agent) {
            return channelTemplate.replace("{agent}", agent);
        }

        /** The extension dialled in the context: {@code {e164}} (+62...) or {@code {digits}} (62...). */
        String exten(String e164) {
            return extenTemplate.replace("{e164}", e164).replace("{digits}", e164.startsWith("+") ? e164.substring(1)
                    : e164);
        }
    }

    private final Settings settings;
    private final ManagerConnection connection;
    private final PingThread pinger;
    private final Dialplan dialplan;
    private final CallListener listener;
    private final Clock clock;
    private final AmiCallTracker tracker = new AmiCallTracker();
    /** The hub's own login attempts, and the check for overdue calls. */
    private final ScheduledExecutorService timer;
    private final String where;
    private volatile PbxDown down = new PbxDown(CallCause.PBX_UNREACHABLE, "not connected to the PBX's manager yet");
    private volatile boolean closed;
    private long nextLoginMillis;
    private long loginWaitMillis;

    public AmiClickToCall(Settings settings, Dialplan dialplan, CallListener listener, Clock clock) {
        this.settings = settings;
        this.dialplan = dialplan;
        this.listener = listener;
        this.clock = clock;
        this.where = settings.host() + ":" + settings.port();
        this.connection = open(settings);
        this.connection.addEventListener(new Session());
        this.pinger = new PingThread(connection);
        pinger.setName("ami-ping-" + where);
        pinger.setDaemon(true);
        pinger.setInterval(settings.keepalive().toMillis());
        // Sent without waiting: a peer that stops answering is found by the socket's read timeout.
        pinger.setTimeout(0);
        this.loginWaitMillis = settings.reconnect().toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ami-calls-" + where);
            t.setDaemon(true);
            return t;
        });
    }

    /** The one place the manager connection is made (its settings from the hub's). */
    private static ManagerConnection open(Settings settings) {
        DefaultManagerConnection c = new DefaultManagerConnection(settings.host(), settings.port(), settings.user(),
                settings.secret());
        c.setSocketTimeout((int) settings.connectTimeout().toMillis());
        c.setSocketReadTimeout((int) Math.max(settings.connectTimeout().toMillis(), settings.keepalive().toMillis() * 3));
        c.setDefaultResponseTimeout(settings.connectTimeout().toMillis());
        // A re-login refused after a drop ends asterisk-java's reconnection: the hub's own attempts then say why.
        c.setKeepAliveAfterAuthenticationFailure(false);
        return c;
    }

    /** Connects to the PBX's manager (in the background) and starts watching for overdue calls. */
    public AmiClickToCall start() {
        timer.scheduleWithFixedDelay(this::tick, 0, Math.min(settings.reconnect().toMillis(), 1_000),
                TimeUnit.MILLISECONDS);
        pinger.start();
        return this;
    }

    @Override
    public String way() {
        return "ami";
    }

    @Override
    public Optional<PbxDown> unavailable() {
        return connection.getState() == ManagerConnectionState.CONNECTED ? Optional.empty() : Optional.of(down);
    }

    @Override
    public void start(long callId, String agent, String customerE164) {
        OriginateAction originate = originate(callId, agent, dialplan.channel(agent), dialplan.context(),
                dialplan.exten(customerE164), customerE164, dialplan.ringTime());
        synchronized (tracker) {
            tracker.originating(callId, clock.instant().plus(dialplan.ringTime()).plus(ANSWER_MARGIN));
        }
        try {
            connection.sendAction(originate, response -> answered(callId, response));
        } catch (IOException | IllegalStateException e) {
            // The PBX never had the call: no event of it can come, and it is not sent again.
            synchronized (tracker) {
                tracker.forget(callId);
            }
            PbxDown why = connection.getState() == ManagerConnectionState.CONNECTED
                    ? new PbxDown(CallCause.PBX_UNREACHABLE, String.valueOf(e.getMessage())) : down;
            listener.changed(CallTransition.failed(callId, why.cause(), null, why.detail(), clock.instant()));
        }
    }

    /**
     * An asynchronous Originate: the PBX rings {@code channel} (the agent's phone) and, once it is answered, runs the
     * dialplan at {@code context}, {@code exten} (the customer's number), priority 1, which dials the customer. The
     * caller ID the agent's phone shows names the customer; its number is the agent's extension, so that a dialplan
     * that dials out applies the extension's own outbound caller ID to the customer's leg. The call's id is set as
     * {@value #CALL_ID_VARIABLE}, inherited (two underscores) by the channel that dials the customer, and the agent's
     * channel gets a Uniqueid of the hub's (ChannelId) by which its events are found.
     */
    static OriginateAction originate(long callId, String agent, String channel, String context, String exten,
            String customer, Duration ringTime) {
        OriginateAction o = new OriginateAction();
        o.setActionId(AmiCallTracker.actionId(callId));
        o.setChannel(channel);
        o.setContext(context);
        o.setExten(exten);
        o.setPriority(1);
        o.setTimeout(ringTime.toMillis());
        o.setCallerId("\"" + customer + "\" <" + agent + ">");
        o.setVariables(Map.of("__" + CALL_ID_VARIABLE, Long.toString(callId)));
        o.setAsync(true);
        o.setChannelId(AmiCallTracker.agentChannelId(callId));
        return o;
    }

    /** The PBX's response to an Originate, on asterisk-java's event thread in order with the events. */
    private void answered(long callId, ManagerResponse response) {
        if (response instanceof ManagerError) {
            List<CallTransition> refused;
            synchronized (tracker) {
                refused = tracker.refused(callId, response.getMessage(), clock.instant());
            }
            report(refused);
        }
        // null: the session dropped before the response; its DisconnectEvent gives the call up.
    }

    /** Every second or so: overdue calls, and the hub's own login while asterisk-java is not (re)connecting. */
    private void tick() {
        List<CallTransition> overdue;
        synchronized (tracker) {
            overdue = tracker.overdue(clock.instant());
        }
        report(overdue);
        ManagerConnectionState state = connection.getState();
        if (closed || (state != ManagerConnectionState.INITIAL && state != ManagerConnectionState.DISCONNECTED)) {
            loginWaitMillis = settings.reconnect().toMillis();
            return;
        }
        long now = System.currentTimeMillis();
        if (now >= nextLoginMillis) {
            login();
            nextLoginMillis = System.currentTimeMillis() + loginWaitMillis;
            loginWaitMillis = Math.min(loginWaitMillis * 2, settings.maxReconnect().toMillis());
        }
    }

    private void login() {
        try {
            connection.login(EVENTS);
        } catch (AuthenticationFailedException e) {
            lost(new PbxDown(CallCause.AMI_LOGIN_REFUSED, "the PBX's manager at " + where + " refused the login of "
                    + settings.user() + ": " + e.getMessage()));
        } catch (IOException e) {
            lost(new PbxDown(CallCause.PBX_UNREACHABLE, "cannot reach the PBX's manager at " + where + ": "
                    + (e instanceof java.net.ConnectException ? "connection refused" : String.valueOf(e.getMessage()))));
        } catch (TimeoutException e) {
            lost(new PbxDown(CallCause.PBX_UNREACHABLE, "the PBX's manager at " + where + " did not answer: "
                    + e.getMessage()));
        } catch (IllegalStateException e) {
            // asterisk-java is (re)connecting after all: its ConnectEvent or the next tick tells.
        }
    }

    /** Not logged in: calls fail with {@code why}; it is logged once, not at every attempt. */
    private void lost(PbxDown why) {
        PbxDown before = down;
        down = why;
        if (!why.equals(before)) {
            LOG.warn("{}", why.detail());
        }
    }

    private void report(List<CallTransition> transitions) {
        for (CallTransition t : transitions) {
            try {
                listener.changed(t);
            } catch (RuntimeException e) {
                LOG.error("Could not record call {} moving to {}", t.callId(), t.state().text(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pinger.die();
        timer.shutdownNow();
        try {
            // A login under way finishes (or times out) before the session is closed behind it.
            timer.awaitTermination(settings.connectTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                connection.logoff();
            } catch (IllegalStateException e) {
                // Closed in between.
            }
        }
    }

    /** The manager session's news and the PBX's events, on asterisk-java's event thread, in the PBX's order. */
    private final class Session implements ManagerEventListener {
        @Override
        public void onManagerEvent(ManagerEvent event) {
            if (event instanceof ConnectEvent c) {
                // What calls meet should the session drop again before its DisconnectEvent is handled.
                down = new PbxDown(CallCause.PBX_UNREACHABLE, "the PBX's manager session at " + where
                        + " is being re-established");
                LOG.info("Logged in to the PBX's manager at {} ({})", where, c.getProtocolIdentifier());
                return;
            }
            if (event instanceof DisconnectEvent) {
                if (closed) {
                    return;
                }
                PbxDown why = new PbxDown(CallCause.PBX_UNREACHABLE, "lost the PBX's manager at " + where
                        + "; asterisk-java is re-establishing the session");
                down = why;
                LOG.warn("{}", why.detail());
                List<CallTransition> lost;
                synchronized (tracker) {
                    lost = tracker.connectionLost("the PBX's manager session was lost", clock.instant());
                }
                report(lost);
                return;
            }
            List<CallTransition> moved;
            synchronized (tracker) {
                moved = tracker.received(event, clock.instant());
            }
            report(moved);
        }
    }
}
