package org.switchboard.modem.cli;

import picocli.CommandLine.Command;

/** {@code pdu decode} and {@code pdu encode}. */
@Command(name = "pdu", description = "Decode and encode SMS PDUs.")
final class PduCommand {
}
