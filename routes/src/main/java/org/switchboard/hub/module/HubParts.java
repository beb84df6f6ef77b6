package org.switchboard.hub.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.support.CamelContextHelper;
import org.switchboard.hub.config.ClusterConfig;
import org.switchboard.hub.config.SettingsSection;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.monitor.Monitoring;
import org.switchboard.journal.JournalWriter;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.store.Database;
import org.switchboard.store.OutboundQueue;

/**
 * The parts every area of the hub is built from, bound in Camel's registry for the area modules (each a
 * {@link org.apache.camel.CamelConfiguration}) to take with {@code @BeanInject}: each area's typed settings, the
 * database, the journal, the monitoring, the embedded mail server and simulator (null unless they run), and the
 * resources that close with the hub. What one area makes for others (the channels, the SMTP sender, the API's
 * credentials) goes into the registry with {@link #share} and comes out with {@link #shared}.
 */
public final class HubParts implements AutoCloseable {
    private final Map<Class<? extends SettingsSection>, SettingsSection> settings;
    private final Database database;
    private final JournalWriter journal;
    private final Monitoring monitoring;
    private final EmbeddedMail embeddedMail;
    private final SimNetwork simulator;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String node;

    public HubParts(Map<Class<? extends SettingsSection>, SettingsSection> settings, Database database,
            JournalWriter journal, Monitoring monitoring, EmbeddedMail embeddedMail, SimNetwork simulator) {
        this.settings = Map.copyOf(settings);
        this.database = Objects.requireNonNull(database, "database");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        this.embeddedMail = embeddedMail;
        this.simulator = simulator;
        this.node = settings.containsKey(ClusterConfig.class) ? ((ClusterConfig) settings.get(ClusterConfig.class))
                .nodeId() : OutboundQueue.SINGLE_NODE;
    }

    /** This node's id, on every row it claims ({@code switchboard.node.id}, or the host's name). */
    public String node() {
        return node;
    }

    /** An area's typed settings, bound and checked at start. */
    public <T extends SettingsSection> T settings(Class<T> type) {
        SettingsSection s = settings.get(type);
        if (s == null) {
            throw new IllegalStateException("no settings of type " + type.getSimpleName() + " were bound");
        }
        return type.cast(s);
    }

    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public JournalWriter journal() {
        return journal;
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    /** The embedded mail server, or null when real SMTP and IMAP servers are configured. */
    public EmbeddedMail embeddedMail() {
        return embeddedMail;
    }

    /** The embedded simulated GSM network, or null when it is off. */
    public SimNetwork simulator() {
        return simulator;
    }

    /** Closes {@code resource} with the hub, after Camel has stopped (last opened, first closed). */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        resources.add(0, resource);
        return resource;
    }

    /** Puts what an area made for the others into Camel's registry. */
    public static <T> T share(CamelContext camel, Class<T> type, T bean) {
        camel.getRegistry().bind(type.getName(), type, bean);
        return bean;
    }

    /** What an earlier area shared: its module comes before in the hub's list. */
    public static <T> T shared(CamelContext camel, Class<T> type) {
        return CamelContextHelper.mandatoryFindSingleByType(camel, type);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        resources.clear();
    }
}
