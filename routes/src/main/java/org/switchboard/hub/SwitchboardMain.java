package org.switchboard.hub;

import org.switchboard.hub.cli.SwitchboardCommand;

/** {@code java -jar routes/target/switchboard.jar [contacts|segments ...]}: the hub, or a command on its database. */
public final class SwitchboardMain {
    private SwitchboardMain() {
    }

    public static void main(String[] args) {
        System.exit(SwitchboardCommand.execute(Hub::start, args));
    }
}
