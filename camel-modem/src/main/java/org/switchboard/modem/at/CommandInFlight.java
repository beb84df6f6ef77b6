package org.switchboard.modem.at;

import java.util.ArrayList;
import java.util.List;

/** What the channel knows about the one command it is waiting on. */
final class CommandInFlight {
    final AtCommand command;
    final String strippedLine;
    final List<String> lines = new ArrayList<>();
    int collectedChars;
    long deadlineMillis;
    /** The command's Send is held back until late output of a timed-out command has passed (echo off). */
    boolean held;
    long heldSinceMillis;
    /** Lines before the command's own echo are late output of a timed-out command (echo on). */
    boolean waitForEcho;
    boolean echoSeen;
    boolean finalSeenBeforeEcho;
    boolean payloadSent;
    boolean payloadEchoSeen;
    /** More lines than the caps allow: the answer is incomplete, so the command ends by its timeout. */
    boolean overflowed;

    CommandInFlight(AtCommand command) {
        this.command = command;
        this.strippedLine = AtText.strip(command.line());
    }

    boolean awaitsPrompt() {
        return command.promptPayload() != null && !held && !payloadSent && (!waitForEcho || echoSeen);
    }

    boolean isEcho(String strippedLine) {
        return strippedLine.equalsIgnoreCase(this.strippedLine);
    }

    boolean isPayloadEcho(String strippedLine) {
        String payload = command.promptPayload();
        return payload != null && AtText.strip(strippedLine.replace("\u001a", "")).equalsIgnoreCase(AtText.strip(payload));
    }
}
