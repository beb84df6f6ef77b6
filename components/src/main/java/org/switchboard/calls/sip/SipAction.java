package org.switchboard.calls.sip;

/** What {@link ThirdPartyCall} asks its transport to send for one leg. */
public sealed interface SipAction {
    Leg leg();

    /** A new INVITE on the leg, with {@code sdp} as its offer (null: none, the phone's 200 makes the offer). */
    record Invite(Leg leg, String sdp) implements SipAction {
    }

    /** The INVITE again with the PBX's last 401/407 answered by digest. */
    record Authenticate(Leg leg) implements SipAction {
    }

    /** The ACK of the leg's 2xx, with {@code sdp} as the answer (null: no body). */
    record Ack(Leg leg, String sdp) implements SipAction {
    }

    /** CANCEL of the leg's INVITE, which has had a provisional response. */
    record Cancel(Leg leg) implements SipAction {
    }

    /** Gives up the leg's INVITE that had no response at all: no CANCEL may be sent for it (RFC 3261 9.1). */
    record Abandon(Leg leg) implements SipAction {
    }

    /** BYE in the leg's dialog. */
    record Bye(Leg leg) implements SipAction {
    }
}
