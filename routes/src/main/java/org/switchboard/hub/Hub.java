package org.switchboard.hub;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.Channels;
import org.switchboard.hub.channels.ChannelsConfig;
import org.switchboard.hub.cli.SwitchboardCommand;
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.config.DatabaseConfig;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.config.SettingsSection;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.http.AdminPassword;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.mail.MailConfig;
import org.switchboard.hub.mail.MailEndpoints;
import org.switchboard.hub.module.HubParts;
import org.switchboard.hub.monitor.Monitoring;
import org.switchboard.hub.monitor.MonitoringConfig;
import org.switchboard.journal.JournalWriter;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.store.Database;

/**
 * The whole hub: its settings bound and checked, the embedded default started ({@link EmbeddedDefault}), then
 * camel-main running each area's module ({@link Areas}), which adds that area's routes. Started by
 * {@link SwitchboardMain} and, in process, by tests.
 */
public final class Hub implements SwitchboardCommand.RunningHub {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final Settings settings;
    private EmbeddedDefault embedded;
    private HubParts parts;
    private AdminPassword admin;
    private Main main;

    private Hub(Settings settings) {
        this.settings = settings;
    }

    /** Starts everything; on failure, stops what had started. */
    public static Hub start(Settings settings) throws Exception {
        Hub hub = new Hub(settings);
        try {
            hub.startAll();
            return hub;
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
    }

    /** Each area's settings, bound and checked: a bad or unknown key throws, naming it. */
    public static Map<Class<? extends SettingsSection>, SettingsSection> settings(Settings settings) {
        return Areas.settings(settings);
    }

    private void startAll() throws Exception {
        settings.logWarnings();
        Map<Class<? extends SettingsSection>, SettingsSection> sections = Areas.settings(settings);
        DatabaseConfig db = (DatabaseConfig) sections.get(DatabaseConfig.class);
        ((ClusterConfig) sections.get(ClusterConfig.class)).requireSharedDatabase(db);
        embedded = EmbeddedDefault.start(db, (MailConfig) sections.get(MailConfig.class),
                ((ChannelsConfig) sections.get(ChannelsConfig.class)).getSimulator());
        admin = AdminPassword.resolve(db.dataDir());
        Database database = embedded.database();
        parts = new HubParts(sections, database, new JournalWriter(database.dataSource()), new Monitoring(
                database.dataSource(), ((MonitoringConfig) sections.get(MonitoringConfig.class)).timing()),
                embedded.mail(), embedded.simulator());
        parts.own(parts.journal());
        parts.own(parts.monitoring());
        main = new Main();
        main.bind("hubParts", parts);
        main.bind("adminPassword", admin);
        // /health lists every check (the modems' signal and registration too), not only the failing ones.
        main.configure().health().withExposureLevel("full");
        main.addMainListener(new ObservabilityListener(parts));
        Areas.modules().forEach(module -> main.configure().addConfiguration(module));
        main.start();
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public Database database() {
        return parts.database();
    }

    public SimNetwork simulator() {
        return parts.simulator();
    }

    public EmbeddedMail embeddedMail() {
        return parts.embeddedMail();
    }

    /** Who may use the HTTP API: the instance every API route shares. */
    public ApiCredentials credentials() {
        return HubParts.shared(camelContext(), ApiCredentials.class);
    }

    public JournalWriter journal() {
        return parts.journal();
    }

    /** Where everything is and how to try it, in plain words. */
    @Override
    public String banner() {
        return Banner.text(settings, parts, HubParts.shared(camelContext(), Channels.class),
                HubParts.shared(camelContext(), MailEndpoints.class), admin);
    }

    /** The embedded database stops in {@link #close}, after Camel, not in a shutdown hook of its own beside it. */
    @Override
    public void closedByShutdownHook() {
        embedded.database().closedByOwnerAtExit();
    }

    @Override
    public void close() {
        long start = System.nanoTime();
        if (main != null) {
            try {
                main.stop();
            } catch (RuntimeException e) {
                // stopping anyway
            }
            LOG.info("Camel stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
        if (parts != null) {
            parts.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        LOG.info("Switchboard stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
