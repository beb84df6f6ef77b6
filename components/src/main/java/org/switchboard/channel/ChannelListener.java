package org.switchboard.channel;

/**
 * Where a channel hands what it receives: to the hub, synchronously. A call that returns means the event is committed,
 * and only then may the channel acknowledge it to the network (a modem deletes the SMS from its SIM, an SMPP channel
 * answers deliver_sm_resp); a call that throws means it is not, and the channel must keep it to hand over again.
 */
public interface ChannelListener {

    /** An SMS received, whole (parts joined), or as much of it as came within the channel's time. */
    void received(ReceivedSms sms) throws Exception;

    /** A status report on a part the channel sent. */
    void reported(StatusReport report) throws Exception;
}
