package org.switchboard.hub;

import java.io.IOException;
import java.util.List;

import org.switchboard.hub.channels.ChannelsConfig;
import org.switchboard.hub.config.DatabaseConfig;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.Database;

/**
 * What the hub starts before Camel, so that it runs with nothing installed: the database (an embedded PostgreSQL when
 * no URL is configured), the embedded mail server with the default mailboxes, and the simulated GSM network; each only
 * when the settings ask for it. Closed in reverse.
 */
final class EmbeddedDefault implements AutoCloseable {
    private final Database database;
    private final EmbeddedMail mail;
    private final SimNetwork simulator;

    private EmbeddedDefault(Database database, EmbeddedMail mail, SimNetwork simulator) {
        this.database = database;
        this.mail = mail;
        this.simulator = simulator;
    }

    static EmbeddedDefault start(DatabaseConfig db, MailConfig mail, ChannelsConfig.Simulator sim) throws IOException {
        Database database = Database.open(db.database());
        EmbeddedMail embeddedMail = null;
        try {
            if (mail.getMail().isEmbedded()) {
                String hub = mail.getHub().getAddress();
                embeddedMail = EmbeddedMail.start(mail.getSmtp().getPort(), mail.getImap().getPort(),
                        List.of(new EmbeddedMail.Mailbox(mail.getHelpdesk().getAddress(), "helpdesk"),
                                new EmbeddedMail.Mailbox(hub, mail.getImap().getPassword()),
                                new EmbeddedMail.Mailbox("staff@switchboard.local", "staff"),
                                new EmbeddedMail.Mailbox(EmbeddedMail.VOICEMAIL_BOX, EmbeddedMail.VOICEMAIL_PASSWORD)),
                        List.of(mail.getSms().getDomain(), mail.getBroadcast().getDomain()), hub);
            }
            SimNetwork simulator = sim.isEnabled() ? SimNetwork.start(SimOptions.defaults().withModems(sim.getModems())
                    .withBasePort(sim.getPort()).withControlPort(sim.getControlPort())) : null;
            return new EmbeddedDefault(database, embeddedMail, simulator);
        } catch (IOException | RuntimeException | Error e) {
            if (embeddedMail != null) {
                embeddedMail.close();
            }
            database.close();
            throw e;
        }
    }

    Database database() {
        return database;
    }

    /** Null when real mail servers are configured. */
    EmbeddedMail mail() {
        return mail;
    }

    /** Null when the simulator is off. */
    SimNetwork simulator() {
        return simulator;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
        if (mail != null) {
            mail.close();
        }
        database.close();
    }
}
