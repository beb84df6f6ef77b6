package org.switchboard.it;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.switchboard.channel.Channels;
import org.switchboard.channel.modem.ModemChannel;
import org.switchboard.dispatch.RetryPolicy;
import org.switchboard.hub.channels.ChannelsLifecycle;
import org.switchboard.hub.channels.ChannelQueue;
import org.switchboard.hub.channels.DispatchRoute;
import org.switchboard.hub.channels.IdleGate;
import org.switchboard.hub.monitor.DispatchLatency;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.modem.ModemComponent;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Outbound dispatch as issue 4 asks it to be measured: one CamelContext with a DispatchRoute for each of 16 simulated
 * modems (the lines of one modem channel) over TCP, on PostgreSQL at 127.0.0.1, the journal on. (1) Zero network latency: a broadcast of 20,000 lane-1
 * rows, SMS per second. (2) 3 s network latency per SMS: 10 rows per modem; ideal = rows x 3 s / modems, efficiency =
 * ideal / elapsed. The clock runs from the rows' insertion (dispatchers already idling) until the last one is SENT.
 * Prints; asserts nothing. {@code ./bench dispatch [rows] [modems]}.
 */
public final class DispatchBench {
    private DispatchBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int modems = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        run(modems, rows, 0);
        run(modems, modems * 10, 3_000);
    }

    static void run(int modems, int rows, long latencyMillis) throws Exception {
        try (TestDatabase db = TestDatabases.create();
                SimNetwork sim = SimNetwork.start(SimOptions.ephemeral(modems).withLatencyMillis(latencyMillis));
                JournalWriter journal = new JournalWriter(db.dataSource());
                CamelContext camel = new DefaultCamelContext()) {
            OutboundQueue queue = new OutboundQueue(db.dataSource());
            DispatchRoute.Options options = new DispatchRoute.Options(250,
                    new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5), RetryPolicy.DEFAULT_MAX_REQUEUES), Duration.ofSeconds(1),
                    Duration.ofSeconds(30), 0);
            JournalEventNotifier.install(camel, journal);
            Map<String, String> modemOptions = new LinkedHashMap<>();
            for (SimModem m : sim.modems()) {
                modemOptions.put("gsm" + m.id(), "host=127.0.0.1&port=" + m.port());
            }
            ModemChannel channel = new ModemChannel("modems", modemOptions, 6);
            Channels channels = new Channels(List.of(channel), Map.of());
            ChannelsLifecycle.install(channels, camel);
            // the lines share what an empty claim said, as the hub's channels module sets them up
            IdleGate idle = new IdleGate(options.pollMillis(), channel.lines().size());
            ChannelQueue lines = new ChannelQueue(queue, channels, channel);
            for (String line : channel.lines()) {
                camel.addRoutes(new DispatchRoute(channels, channel, line, lines, options, DispatchLatency.NONE,
                        idle));
            }
            camel.start();
            ModemComponent component = camel.getComponent("modem", ModemComponent.class);
            // Start-up is not measured: every modem up, every dispatcher idling on an empty queue.
            await().atMost(Duration.ofMinutes(1)).until(() -> sim.modems().stream().allMatch(m -> {
                ModemSession s = component.session("gsm" + m.id());
                return s != null && s.isReady();
            }));

            long start = System.nanoTime();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO broadcast (requested_by, source, filter, template, status, recipients)"
                        + " VALUES ('bench', 'api', '{}', 'Reuni akbar', 'SENDING', " + rows + ")");
                st.executeUpdate("INSERT INTO outbound_sms (recipient, text, source, broadcast_id, lane)"
                        + " SELECT '+62813' || lpad(g::text, 7, '0'), 'Reuni akbar SMA 1 Sabtu 9 pagi, nomor ' || g,"
                        + " 'broadcast', (SELECT max(id) FROM broadcast), 1 FROM generate_series(1, " + rows + ") g");
            }
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(db, "SELECT count(*) FROM outbound_sms WHERE status = 'SENT'") >= rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            long delivered = sim.modems().stream().mapToLong(m -> m.delivered().size()).sum();
            long min = sim.modems().stream().mapToLong(m -> m.delivered().size()).min().orElse(0);
            long max = sim.modems().stream().mapToLong(m -> m.delivered().size()).max().orElse(0);
            if (latencyMillis == 0) {
                System.out.printf(Locale.ROOT, "dispatch: %,d lane-1 SMS through %d simulated modems, zero latency:"
                        + " %.1f s, %,.0f SMS/s; %,d delivered, %d..%d per modem%n", rows, modems, seconds, rows / seconds,
                        delivered, min, max);
            } else {
                double ideal = rows * latencyMillis / 1000.0 / modems;
                System.out.printf(Locale.ROOT, "dispatch: %,d lane-1 SMS through %d simulated modems, %.1f s latency each:"
                        + " %.2f s, ideal %.2f s, efficiency %.3f (goal >= 0.95); %,d delivered, %d..%d per modem%n", rows,
                        modems, latencyMillis / 1000.0, seconds, ideal, ideal / seconds, delivered, min, max);
                // Where the time beyond the ideal went: waiting for the first claim (the idle poll), each SMS in a
                // modem's hand beyond the latency (AT+CMGS and its prompt, marking it SENT), and the gap between one
                // SMS marked SENT and the same modem's next claim.
                System.out.printf(Locale.ROOT, "dispatch:   first claim %.0f ms after the insert; per SMS: %.1f ms in hand"
                        + " beyond the latency, %.1f ms from SENT to the next claim%n",
                        millis(db, "SELECT extract(epoch FROM min(o.claimed_at) - b.created_at) * 1000 FROM outbound_sms o"
                                + " JOIN broadcast b ON b.id = o.broadcast_id GROUP BY b.created_at"),
                        millis(db, "SELECT avg(extract(epoch FROM sent_at - claimed_at) * 1000) - " + latencyMillis
                                + " FROM outbound_sms"),
                        millis(db, "SELECT avg(extract(epoch FROM next_claim - sent_at) * 1000) FROM (SELECT sent_at,"
                                + " lead(claimed_at) OVER (PARTITION BY modem ORDER BY claimed_at) AS next_claim"
                                + " FROM outbound_sms) g WHERE next_claim IS NOT NULL"));
            }
            camel.stop();
        }
    }

    private static double millis(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
