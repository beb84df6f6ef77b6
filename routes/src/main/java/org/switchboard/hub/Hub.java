package org.switchboard.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.RateLimiter;
import org.switchboard.auth.Role;
import org.switchboard.auth.Sessions;
import org.switchboard.auth.UserStore;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastReport;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.channel.ChannelRules;
import org.switchboard.channel.Channels;
import org.switchboard.channel.SmsChannel;
import org.switchboard.channel.modem.ModemChannel;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.deadletter.DeadLetters;
import org.switchboard.deadletter.RepeatedFailures;
import org.switchboard.dispatch.RetryPolicy;
import org.switchboard.hub.api.ApiRoutes;
import org.switchboard.hub.channels.ChannelDefinitions;
import org.switchboard.hub.channels.ChannelsLifecycle;
import org.switchboard.hub.channels.DispatchRoute;
import org.switchboard.hub.channels.SmsInboundRoute;
import org.switchboard.hub.channels.StatusReportRoute;
import org.switchboard.hub.config.Settings;
import org.switchboard.hub.dashboard.DashboardRoute;
import org.switchboard.hub.dashboard.SessionRoute;
import org.switchboard.hub.emailtosms.BroadcastConfirmationRoute;
import org.switchboard.hub.emailtosms.BroadcastReportRoute;
import org.switchboard.hub.emailtosms.BroadcastRequestRoute;
import org.switchboard.hub.emailtosms.EmailToSmsRoute;
import org.switchboard.hub.embedded.EmbeddedMail;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.SwitchboardJetty;
import org.switchboard.hub.kannel.KannelDlrRoute;
import org.switchboard.hub.kannel.KannelSendsmsRoute;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.hub.monitor.MailServer;
import org.switchboard.hub.monitor.MetricsRoute;
import org.switchboard.hub.monitor.Monitoring;
import org.switchboard.hub.smstoemail.EmailOutboxRoute;
import org.switchboard.hub.voicemail.VoicemailEmailRoute;
import org.switchboard.hub.voicemail.VoicemailNotificationRoute;
import org.switchboard.hub.voicemail.VoicemailRoute;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.kannel.GroupCommit;
import org.switchboard.kannel.KannelStore;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.SenderPolicy;
import org.switchboard.mail.StaffAllowList;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.Database;
import org.switchboard.store.DatabaseSettings;
import org.switchboard.store.MessageStore;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.RetryBackoff;
import org.switchboard.voicemail.MailboxOwners;
import org.switchboard.voicemail.VoicemailOutbox;
import org.switchboard.voicemail.VoicemailSpool;
import org.switchboard.voicemail.VoicemailStore;

/**
 * The whole hub: its database, the embedded mail server and modem simulator when the settings ask for them, the
 * journal, and camel-main running one route per flow. Started by {@link SwitchboardMain} and, in-process, by tests.
 */
public final class Hub implements AutoCloseable {
    /** Where Asterisk's voicemail emails go in the embedded default. */
    static final String EMBEDDED_VOICEMAIL_BOX = "voicemail@switchboard.local";

    private final Settings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Database database;
    private EmbeddedMail embeddedMail;
    private SimNetwork simulator;
    private JournalWriter journal;
    private Monitoring monitoring;
    private Main main;
    private Map<String, String> modems;
    private String adminPassword;
    private ApiCredentials credentials;
    private boolean adminPasswordGenerated;

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

    private void startAll() throws Exception {
        database = open(Database.open(databaseSettings(settings)));
        adminPassword();
        MailSettings mail = new MailSettings(settings.get("switchboard.helpdesk.address"),
                settings.get("switchboard.sms.domain"), settings.get("switchboard.hub.address"), settings.zone(),
                settings.getInt("switchboard.reply.max-parts"), settings.get("switchboard.broadcast.domain"));
        if (settings.getBoolean("switchboard.mail.embedded")) {
            embeddedMail = open(EmbeddedMail.start(settings.getInt("switchboard.smtp.port"),
                    settings.getInt("switchboard.imap.port"),
                    List.of(new EmbeddedMail.Mailbox(mail.helpdeskAddress(), "helpdesk"),
                            new EmbeddedMail.Mailbox(mail.hubAddress(), "hub"),
                            new EmbeddedMail.Mailbox("staff@switchboard.local", "staff"),
                            new EmbeddedMail.Mailbox(EMBEDDED_VOICEMAIL_BOX, "voicemail")),
                    List.of(mail.smsDomain(), mail.broadcastDomain()), mail.hubAddress()));
        }
        List<Integer> simulatorPorts = new ArrayList<>();
        if (settings.getBoolean("switchboard.simulator.enabled")) {
            simulator = open(SimNetwork.start(SimOptions.defaults()
                    .withModems(settings.getInt("switchboard.simulator.modems"))
                    .withBasePort(settings.getInt("switchboard.simulator.port"))
                    .withControlPort(settings.getInt("switchboard.simulator.control-port"))));
            for (SimModem m : simulator.modems()) {
                simulatorPorts.add(m.port());
            }
        }
        modems = settings.modems(simulatorPorts);
        if (modems.isEmpty()) {
            throw new IllegalStateException("no modem configured (switchboard.modem.NAME=...) and the simulator is off");
        }
        List<SmsChannel> built = new ArrayList<>();
        Map<String, ChannelRules> rules = new LinkedHashMap<>();
        for (ChannelDefinitions.Definition d : ChannelDefinitions.of(settings.withPrefix("switchboard.channel."), modems)) {
            built.add(new ModemChannel(d.id(), d.modems(), secondsPerPart()));
            rules.put(d.id(), d.rules());
        }
        Channels channels = new Channels(built, rules);
        journal = open(new JournalWriter(database.dataSource()));
        MessageStore store = new MessageStore(database.dataSource());
        OutboundQueue queue = new OutboundQueue(database.dataSource());
        // Before any dispatcher runs: what a crash left in a modem's hand may have gone out, so it goes again marked.
        int requeued = queue.requeueInterrupted();
        System.out.println("Switchboard: " + requeued + " SMS left half-sent by the last run "
                + (requeued == 1 ? "is" : "are") + " queued again" + (requeued > 0 ? ", marked possible duplicate." : "."));
        PhoneNumbers numbers = new PhoneNumbers(settings.get("switchboard.region"));
        long poll = settings.getLong("switchboard.outbox.poll-millis");
        long backoff = settings.getLong("switchboard.outbox.max-backoff-millis");

        monitoring = open(new Monitoring(database.dataSource(), smtpServer(), imapServers(), monitoringTiming()));
        main = new Main();
        // /health lists every check (the modems' signal and registration too), not only the failing ones.
        main.configure().health().withExposureLevel("full");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                try {
                    ChannelsLifecycle.install(channels, m.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("cannot install the channels", e);
                }
                if (settings.getBoolean("switchboard.journal.enabled")) {
                    JournalEventNotifier.install(m.getCamelContext(), journal);
                }
                monitoring.beforeConfigure(m.getCamelContext());
            }

            @Override
            public void afterConfigure(BaseMainSupport m) {
                monitoring.afterConfigure(m.getCamelContext(), modemLines(channels), VoicemailRoute.ROUTE_ID);
            }
        });
        main.configure().addRoutesBuilder(new SmsInboundRoute(store));
        main.configure().addRoutesBuilder(new StatusReportRoute(store));
        int senders = settings.getInt("switchboard.smtp.connections");
        SmtpSender smtp = open(new SmtpSender(new SmtpSender.Server(settings.get("switchboard.smtp.host"), smtpPort(),
                settings.get("switchboard.smtp.user"), settings.get("switchboard.smtp.password"),
                settings.getBoolean("switchboard.smtp.tls")), senders));
        main.configure().addRoutesBuilder(new EmailOutboxRoute(store, mail, smtp,
                settings.get("switchboard.smtp.host") + ":" + smtpPort(), senders, poll, backoff));
        BroadcastStore broadcasts = new BroadcastStore(database.dataSource());
        SegmentStore segments = new SegmentStore(database.dataSource());
        SenderPolicy staffSenders = new SenderPolicy(new StaffAllowList(settings.getList("switchboard.staff")),
                settings.get("switchboard.mail.secret"), settings.get("switchboard.mail.trusted-authserv-id"));
        // A mail that fails the same way twice is set aside rather than read again at every poll (poison mail).
        RepeatedFailures mailFailures = new RepeatedFailures(2);
        DeadLetters deadLetters = new DeadLetters(database.dataSource());
        main.configure().addRoutesBuilder(new EmailToSmsRoute(store, broadcasts, mail, staffSenders, numbers, channels,
                imapUri(),
                smtpUri(), mailFailures, deadLetters));
        BroadcastPlanner planner = new BroadcastPlanner(database.dataSource(), numbers, channels);
        main.configure().addRoutesBuilder(new BroadcastRequestRoute(planner, broadcasts, segments, mail, channels,
                settings.getInt("switchboard.broadcast.confirm-above"), smtpUri()));
        main.configure().addRoutesBuilder(new BroadcastConfirmationRoute(broadcasts, mail, smtpUri()));
        main.configure().addRoutesBuilder(new BroadcastReportRoute(broadcasts,
                new BroadcastReport(database.dataSource()), mail, smtpUri(),
                settings.getLong("switchboard.broadcast.report-poll-millis"),
                Duration.ofMillis(settings.getLong("switchboard.broadcast.report-grace-millis")), reportCsvDir()));
        DispatchRoute.Options dispatch = dispatchOptions(poll, backoff);
        for (SmsChannel channel : channels.all()) {
            for (String line : channel.lines()) {
                main.configure().addRoutesBuilder(new DispatchRoute(channels, channel, line, queue, dispatch,
                        monitoring.dispatchLatency()));
            }
        }
        MailboxOwners voicemailOwners = new MailboxOwners(
                MailboxOwners.fromSettings(settings.withPrefix(MailboxOwners.SETTINGS_PREFIX)), database.dataSource());
        VoicemailStore voicemail = new VoicemailStore(database.dataSource());
        // Asterisk's voicemail emails: the configured account, or the embedded mail server's voicemail mailbox.
        String vmUser = settings.has("switchboard.voicemail.imap.user") ? settings.get("switchboard.voicemail.imap.user")
                : embeddedMail != null ? EMBEDDED_VOICEMAIL_BOX : "";
        if (!vmUser.isEmpty()) {
            String vmPassword = settings.has("switchboard.voicemail.imap.user")
                    ? settings.get("switchboard.voicemail.imap.password") : "voicemail";
            main.configure().addRoutesBuilder(new VoicemailEmailRoute(imapUri(vmUser, vmPassword,
                    settings.get("switchboard.voicemail.imap.folder")), smtpUri(), voicemail, voicemailOwners, mail,
                    "imap " + vmUser, mailFailures, deadLetters));
        }
        if (settings.getBoolean("switchboard.sip.enabled")) {
            main.configure().addRoutesBuilder(new VoicemailRoute(sipUri(), voicemail));
            main.configure().addRoutesBuilder(new VoicemailNotificationRoute(
                    new VoicemailOutbox(database.dataSource()), voicemailOwners,
                    new VoicemailSpool(Path.of(settings.get("switchboard.voicemail.spool")),
                            settings.get("switchboard.voicemail.context")),
                    store, mail, smtp, senders, settings.getLong("switchboard.voicemail.poll-millis"), backoff));
        }
        long maxBody = settings.getLong("switchboard.http.max-body-bytes");
        // camel-jetty as the API needs it: bodies limited, errors outside the routes answered as JSON
        main.bind("jetty", new SwitchboardJetty(maxBody));
        UserStore users = new UserStore(database.dataSource());
        users.ensure(ApiCredentials.USER, Role.ADMIN, adminPassword);
        ApiKeyStore keys = new ApiKeyStore(database.dataSource());
        String httpHost = settings.get("switchboard.http.host");
        int httpPort = settings.getInt("switchboard.http.port");
        // One instance for every route: users, API keys, sessions and rate limits live in it.
        credentials = new ApiCredentials(users, keys,
                new Sessions(Duration.ofMinutes(settings.getLong("switchboard.http.session-idle-minutes"))),
                new RateLimiter(settings.getLong("switchboard.http.rate-per-second"),
                        settings.getLong("switchboard.http.burst")),
                new RateLimiter(settings.getLong("switchboard.http.login-failures-per-minute"), Duration.ofMinutes(1),
                        settings.getLong("switchboard.http.login-failures-burst")),
                maxBody, Duration.ofSeconds(settings.getLong("switchboard.http.auth-cache-seconds")));
        ApiRoutes.addTo(main, credentials, httpHost, httpPort, new ApiRoutes.Parts(database.dataSource(), store, numbers,
                channels, broadcasts, planner, segments, users, keys, monitoring.tally()::counts,
                settings.get("switchboard.region"), settings.zone(), settings.getInt("switchboard.reply.max-parts")));
        main.configure().addRoutesBuilder(new MetricsRoute(monitoring.registry()));
        main.configure().addRoutesBuilder(new SessionRoute(credentials));
        main.configure().addRoutesBuilder(new DashboardRoute(httpHost, httpPort));
        if (settings.getBoolean("switchboard.kannel.enabled")) {
            addKannel(numbers, credentials, backoff);
        }
        main.start();
    }

    /** Kannel's sendsms on /cgi-bin/sendsms, and the dlr-url calls of its delivery reports. */
    private void addKannel(PhoneNumbers numbers, ApiCredentials credentials, long maxBackoffMillis) {
        KannelStore kannel = new KannelStore(database.dataSource());
        GroupCommit commits = open(new GroupCommit(kannel::store, settings.getInt("switchboard.kannel.commit-writers"),
                settings.getInt("switchboard.kannel.commit-max-rows"), 10_000));
        JournalWriter hops = settings.getBoolean("switchboard.journal.enabled") ? journal : null;
        main.configure().addRoutesBuilder(new KannelSendsmsRoute(settings.get("switchboard.http.host"),
                settings.getInt("switchboard.http.port"), credentials, numbers, commits, hops, 10_000));
        ExecutorService dlrThreads = KannelDlrRoute.executor();
        AutoCloseable stopDlrThreads = dlrThreads::shutdownNow;
        open(stopDlrThreads);
        main.configure().addRoutesBuilder(new KannelDlrRoute(kannel, hops, new KannelDlrRoute.Options(
                settings.getLong("switchboard.kannel.dlr.poll-millis"), settings.getInt("switchboard.kannel.dlr.max-in-flight"),
                Duration.ofMillis(settings.getLong("switchboard.kannel.dlr.timeout-millis")),
                settings.getInt("switchboard.kannel.dlr.max-attempts"),
                // A short outbox backoff (tests, impatient installs) caps the first pause too.
                new RetryBackoff(Duration.ofMillis(Math.min(maxBackoffMillis,
                        settings.getLong("switchboard.kannel.dlr.first-retry-millis"))),
                        Duration.ofMillis(maxBackoffMillis))), dlrThreads));
    }

    private Monitoring.Timing monitoringTiming() {
        return new Monitoring.Timing(Duration.ofMillis(settings.getLong("switchboard.health.timeout-millis")),
                Duration.ofMillis(settings.getLong("switchboard.health.database-keep-millis")),
                Duration.ofMillis(settings.getLong("switchboard.health.mail-keep-millis")),
                Duration.ofMillis(settings.getLong("switchboard.metrics.counts-max-age-millis")));
    }

    private MailServer smtpServer() {
        return new MailServer(settings.get("switchboard.smtp.host"), smtpPort(), settings.getBoolean("switchboard.smtp.tls"),
                settings.get("switchboard.smtp.user"), settings.get("switchboard.smtp.password"));
    }

    /** The IMAP accounts the hub reads: the help desk's replies, and Asterisk's voicemail emails when configured. */
    private Map<String, MailServer> imapServers() {
        Map<String, MailServer> out = new LinkedHashMap<>();
        out.put("imap", imapServer(settings.get("switchboard.imap.user"), settings.get("switchboard.imap.password")));
        if (settings.has("switchboard.voicemail.imap.user")) {
            out.put("imap-voicemail", imapServer(settings.get("switchboard.voicemail.imap.user"),
                    settings.get("switchboard.voicemail.imap.password")));
        }
        return out;
    }

    private MailServer imapServer(String user, String password) {
        int port = embeddedMail != null ? embeddedMail.imapPort() : settings.getInt("switchboard.imap.port");
        return new MailServer(settings.get("switchboard.imap.host"), port, settings.getBoolean("switchboard.imap.tls"),
                user, password);
    }

    /** The lines of the modem channels, each a modem, for the per-modem meters. */
    private static List<String> modemLines(Channels channels) {
        return channels.all().stream().filter(c -> c.kind().equals("modem")).flatMap(c -> c.lines().stream()).toList();
    }

    /** One modem's pace for the preview's estimate: the configured one, or the rate limit when that is slower. */
    private double secondsPerPart() {
        double configured = Double.parseDouble(settings.get("switchboard.broadcast.seconds-per-part"));
        int perMinute = settings.getInt("switchboard.dispatch.max-per-minute");
        return perMinute > 0 ? Math.max(configured, 60.0 / perMinute) : configured;
    }

    /**
     * Where report CSVs wait while their mail is sent, next to the embedded database's data: emptied here, so the
     * file of a report a crash interrupted does not stay forever.
     */
    private Path reportCsvDir() throws IOException {
        Path dir = Path.of(settings.get("switchboard.db.embedded-dir")).toAbsolutePath().getParent().resolve("tmp/reports");
        Files.createDirectories(dir);
        try (var leftovers = Files.list(dir)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
        return dir;
    }

    private DispatchRoute.Options dispatchOptions(long pollMillis, long maxBackoffMillis) {
        RetryPolicy retries = new RetryPolicy(settings.getInt("switchboard.dispatch.max-attempts"),
                Duration.ofMillis(settings.getLong("switchboard.dispatch.first-retry-millis")),
                Duration.ofMillis(maxBackoffMillis), settings.getInt("switchboard.dispatch.max-requeues"));
        return new DispatchRoute.Options(pollMillis, retries,
                Duration.ofMillis(settings.getLong("switchboard.dispatch.modem-pause-millis")),
                Duration.ofMillis(settings.getLong("switchboard.dispatch.modem-pause-max-millis")),
                settings.getInt("switchboard.dispatch.max-per-minute"));
    }

    /** Where the hub's database is, from its settings: the CLI opens the same one. */
    public static DatabaseSettings databaseSettings(Settings settings) {
        return new DatabaseSettings(settings.get("switchboard.db.url"), settings.get("switchboard.db.user"),
                settings.get("switchboard.db.password"), Path.of(settings.get("switchboard.db.embedded-dir")),
                settings.getInt("switchboard.db.embedded-port"));
    }

    /** The file holding the API password generated at the first start (unless SWITCHBOARD_ADMIN_PASSWORD is set). */
    public static Path adminPasswordFile(Settings settings) {
        return Path.of(settings.get("switchboard.db.embedded-dir")).toAbsolutePath().getParent().resolve("admin-password");
    }

    /** The PBX side: where to listen, whom to believe, and the mailboxes to subscribe to. */
    private String sipUri() {
        StringBuilder uri = new StringBuilder("sip:pbx?host=").append(settings.get("switchboard.sip.host"))
                .append("&port=").append(settings.get("switchboard.sip.port"))
                .append("&transports=").append(settings.get("switchboard.sip.transports"))
                .append("&allowedPeers=").append(settings.get("switchboard.sip.allowed-peers"));
        if (settings.has("switchboard.sip.subscribe")) {
            uri.append("&subscribe=").append(settings.get("switchboard.sip.subscribe"))
                    .append("&username=RAW(").append(settings.get("switchboard.sip.username"))
                    .append(")&password=RAW(").append(settings.get("switchboard.sip.password")).append(')')
                    .append("&expires=").append(settings.getInt("switchboard.sip.expires"))
                    .append("&subscribeTimeout=").append(settings.getInt("switchboard.sip.subscribe-timeout-millis"))
                    .append("&resubscribeDelay=").append(settings.getInt("switchboard.sip.resubscribe-millis"))
                    .append("&resubscribeMaxDelay=").append(settings.getInt("switchboard.sip.resubscribe-max-millis"));
        }
        return uri.toString();
    }

    private String smtpUri() {
        String scheme = settings.getBoolean("switchboard.smtp.tls") ? "smtps" : "smtp";
        return scheme + "://" + settings.get("switchboard.smtp.host") + ":" + smtpPort()
                + "?username=" + settings.get("switchboard.smtp.user") + "&password=RAW("
                + settings.get("switchboard.smtp.password") + ")";
    }

    private int smtpPort() {
        return embeddedMail != null ? embeddedMail.smtpPort() : settings.getInt("switchboard.smtp.port");
    }

    private String imapUri() {
        return imapUri(settings.get("switchboard.imap.user"), settings.get("switchboard.imap.password"),
                settings.get("switchboard.imap.folder"));
    }

    private String imapUri(String user, String password, String folder) {
        String scheme = settings.getBoolean("switchboard.imap.tls") ? "imaps" : "imap";
        String port = embeddedMail != null ? String.valueOf(embeddedMail.imapPort()) : settings.get("switchboard.imap.port");
        return scheme + "://" + settings.get("switchboard.imap.host") + ":" + port
                + "?username=" + user + "&password=RAW(" + password + ")&folderName=" + folder
                + "&unseen=true&delete=false&delay=" + settings.get("switchboard.imap.poll-millis")
                // Camel's mapping reads every mail's body and attachments while it builds the exchange, outside the
                // route: a mail it cannot parse (a broken multipart, an unknown charset) then fails the poll each
                // time and blocks every mail after it, and a 20 MB attachment is read whole. EmailToSmsRoute reads
                // the MimeMessage itself, only the parts it needs, and bounces what it cannot read.
                + "&mapMailMessage=false";
    }

    /**
     * The built-in admin's password: from SWITCHBOARD_ADMIN_PASSWORD, else the one generated at the first start. The
     * hub sets the stored user admin to it at each start, so this stays the way back in.
     */
    private void adminPassword() throws IOException {
        String fromEnv = System.getenv("SWITCHBOARD_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            adminPassword = fromEnv.trim();
            return;
        }
        Path file = adminPasswordFile(settings);
        if (Files.isRegularFile(file)) {
            adminPassword = Files.readString(file).trim();
            return;
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        adminPassword = HexFormat.of().formatHex(random);
        Files.createDirectories(file.getParent());
        Files.writeString(file, adminPassword + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps its default permissions
        }
        adminPasswordGenerated = true;
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(0, resource);
        return resource;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public Database database() {
        return database;
    }

    public SimNetwork simulator() {
        return simulator;
    }

    public EmbeddedMail embeddedMail() {
        return embeddedMail;
    }

    /** Who may use the HTTP API: the instance every API route shares. */
    public ApiCredentials credentials() {
        return credentials;
    }

    public JournalWriter journal() {
        return journal;
    }

    /** Where everything is and how to try it, in plain words. */
    public String banner() {
        return Banner.text(settings, database, embeddedMail, simulator, modems, adminPassword, adminPasswordGenerated);
    }

    @Override
    public void close() {
        if (main != null) {
            try {
                main.stop();
            } catch (RuntimeException e) {
                // stopping anyway
            }
        }
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
