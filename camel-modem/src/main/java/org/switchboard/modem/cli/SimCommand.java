package org.switchboard.modem.cli;

import picocli.CommandLine.Command;

/** {@code sim}: runs the modem simulator. */
@Command(name = "sim", description = "Run the GSM modem simulator.")
final class SimCommand {
}
