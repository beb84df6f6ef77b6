package org.switchboard.modem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of camel-modem-cli.jar: the PDU codec and the modem simulator from a shell. */
@Command(name = "camel-modem", mixinStandardHelpOptions = true,
        subcommands = { PduCommand.class, SimCommand.class },
        description = "GSM modem tools: PDU codec and modem simulator.")
public final class ModemCli implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModemCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
