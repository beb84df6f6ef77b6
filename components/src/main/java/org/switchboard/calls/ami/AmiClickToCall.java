package org.switchboard.calls.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.calls.CallCause;
import org.switchboard.calls.CallListener;
import org.switchboard.calls.CallTransition;
import org.switchboard.calls.ClickToCall;
import org.switchboard.calls.PbxDown;

/**
 * Click-to-call through the PBX's manager: each call is one asynchronous Originate of the agent's channel into the
 * context that dials the customer, then followed through the PBX's events ({@link AmiCallTracker}). While the manager
 * session is down a call fails at once with the reason (unreachable, login refused); a session lost mid-call gives its
 * calls up. Nothing is sent again by itself.
 */
public final class AmiClickToCall implements ClickToCall {
    private static final Logger LOG = LoggerFactory.getLogger(AmiClickToCall.class);
    /** Beyond the agent's ring time, how long the PBX may take to say how the Originate went. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

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

    private final AmiConnection connection;
    private final Dialplan dialplan;
    private final CallListener listener;
    private final Clock clock;
    private final AmiCallTracker tracker = new AmiCallTracker();
    private final ScheduledExecutorService timer;
    private volatile PbxDown down = new PbxDown(CallCause.PBX_UNREACHABLE, "not connected to the PBX's manager yet");

    public AmiClickToCall(AmiConnection.Settings settings, Dialplan dialplan, CallListener listener, Clock clock) {
        this.dialplan = dialplan;
        this.listener = listener;
        this.clock = clock;
        this.connection = new AmiConnection(settings, new Session());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ami-calls-overdue");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects to the PBX's manager (in the background) and starts watching for overdue calls. */
    public AmiClickToCall start() {
        connection.start();
        timer.scheduleWithFixedDelay(() -> report(overdue()), 1, 1, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public String way() {
        return "ami";
    }

    @Override
    public Optional<PbxDown> unavailable() {
        return connection.isUp() ? Optional.empty() : Optional.of(currentDown());
    }

    private PbxDown currentDown() {
        PbxDown d = down;
        // Between the session's loss and its listener being told.
        return d != null ? d : new PbxDown(CallCause.PBX_UNREACHABLE, "the PBX's manager session is being re-established");
    }

    @Override
    public void start(long callId, String agent, String customerE164) {
        AmiMessage originate = AmiActions.originate(new AmiActions.Originate(callId, agent, dialplan.channel(agent),
                dialplan.context(), dialplan.exten(customerE164), customerE164, dialplan.ringTime().toMillis()));
        synchronized (tracker) {
            tracker.originating(callId, clock.instant().plus(dialplan.ringTime()).plus(ANSWER_MARGIN));
        }
        try {
            connection.send(originate);
        } catch (IOException e) {
            // The PBX never had the call: no event of it can come, and it is not sent again.
            synchronized (tracker) {
                tracker.forget(callId);
            }
            PbxDown why = connection.isUp() ? new PbxDown(CallCause.PBX_UNREACHABLE, e.getMessage())
                    : currentDown();
            listener.changed(CallTransition.failed(callId, why.cause(), null, why.detail(), clock.instant()));
        }
    }

    private List<CallTransition> overdue() {
        synchronized (tracker) {
            return tracker.overdue(clock.instant());
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
        timer.shutdownNow();
        connection.close();
    }

    /** The manager session's news, on its reader thread. */
    private final class Session implements AmiConnection.Listener {
        @Override
        public void up(String banner) {
            down = null;
        }

        @Override
        public void down(String cause, String detail, boolean wasUp) {
            down = new PbxDown(cause, detail);
            LOG.warn("{}", detail);
            List<CallTransition> lost;
            synchronized (tracker) {
                lost = tracker.connectionLost(detail, clock.instant());
            }
            report(lost);
        }

        @Override
        public void received(AmiMessage message) {
            List<CallTransition> moved;
            synchronized (tracker) {
                moved = tracker.received(message, clock.instant());
            }
            report(moved);
        }
    }
}
