package org.switchboard.modem.at;

/** What the {@link AtChannel} tells its transport: bytes to write, a finished command, or a URC. */
public sealed interface AtEvent {
    /** Bytes the transport must write to the modem, in order. */
    record Send(byte[] bytes) implements AtEvent {
    }

    /** The command in flight ended (including by timeout). */
    record Completed(AtResponse response) implements AtEvent {
    }

    /** An unsolicited result code. */
    record Unsolicited(UnsolicitedResult urc) implements AtEvent {
    }
}
