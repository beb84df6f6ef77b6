package org.switchboard.calls.ami;

/**
 * The actions the hub sends, as Asterisk's manager documents them (Login, Originate, Ping, Logoff). Each carries an
 * ActionID: the PBX repeats it in its response, and in the OriginateResponse event of an asynchronous Originate.
 */
public final class AmiActions {
    /** The channel variable that names the hub's call on the PBX's channels, for its dialplan and its logs. */
    public static final String CALL_ID_VARIABLE = "SWITCHBOARD_CALL_ID";
    /** Prefix of the hub's ActionIDs and of the Uniqueid it gives the agent's channel (Originate's ChannelId). */
    static final String PREFIX = "switchboard-call-";

    private AmiActions() {
    }

    /**
     * Logs in with the manager user's secret in the clear, as manager.conf's users do (the link should be on the
     * PBX's host or a private network). Only call and system events are asked for: the call states, and the PBX's
     * own start and shutdown.
     */
    public static AmiMessage login(String actionId, String user, String secret) {
        return AmiMessage.of("Action", "Login", "ActionID", actionId, "Username", user, "Secret", secret,
                "Events", "call,system");
    }

    public static AmiMessage ping(String actionId) {
        return AmiMessage.of("Action", "Ping", "ActionID", actionId);
    }

    public static AmiMessage logoff(String actionId) {
        return AmiMessage.of("Action", "Logoff", "ActionID", actionId);
    }

    /** The ActionID of the Originate of call {@code callId}. */
    public static String actionId(long callId) {
        return PREFIX + callId;
    }

    /** The Uniqueid the agent's channel gets (Originate's ChannelId, Asterisk 12 and later); its legs' Linkedid. */
    public static String agentChannelId(long callId) {
        return PREFIX + callId + "-agent";
    }

    /**
     * An asynchronous Originate: the PBX rings {@code originate.channel()} (the agent's phone) and, once it is answered,
     * runs the dialplan at {@code context}, {@code exten} (the customer's number), priority 1, which dials the customer.
     * The caller ID the agent's phone shows names the customer; its number is the agent's extension, so that a
     * dialplan that dials out applies the extension's own outbound caller ID to the customer's leg. The call's id is
     * set as {@value #CALL_ID_VARIABLE}, inherited (two underscores) by the channel that dials the customer.
     */
    public static AmiMessage originate(Originate originate) {
        return AmiMessage.builder()
                .add("Action", "Originate")
                .add("ActionID", actionId(originate.callId()))
                .add("Channel", originate.channel())
                .add("Context", originate.context())
                .add("Exten", originate.exten())
                .add("Priority", "1")
                .add("Timeout", Long.toString(originate.timeoutMillis()))
                .add("CallerID", "\"" + originate.customer() + "\" <" + originate.agent() + ">")
                .add("Variable", "__" + CALL_ID_VARIABLE + "=" + originate.callId())
                .add("Async", "true")
                .add("ChannelId", agentChannelId(originate.callId()))
                .build();
    }

    /**
     * What one Originate asks.
     *
     * @param channel       the agent's phone as the PBX dials it, e.g. {@code PJSIP/1001}
     * @param exten         the customer's number as the context's dialplan expects it
     * @param customer      the customer's number in E.164, shown to the agent
     * @param timeoutMillis how long the agent's phone rings
     */
    public record Originate(long callId, String agent, String channel, String context, String exten, String customer,
            long timeoutMillis) {
    }
}
