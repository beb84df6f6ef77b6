package org.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

/**
 * How many messages the database holds, by channel, direction and status, and per modem: what /metrics and
 * /api/modems show. One statement over the tables' status columns, so the figures are the database's (they survive a
 * restart and include what other hub nodes and the CLI did) and agree with /api/messages.
 * <p>
 * Channels: {@code sms} out (outbound_sms) and in (inbound_sms, all RECEIVED); {@code email} out (the SMS handed to
 * the help desk as email, by email_status) and in (staff replies, by the status of the SMS each became);
 * {@code voicemail} out (notifications to mailbox owners) and in (Asterisk's voicemail emails forwarded, FORWARDED);
 * {@code sip} in (the PBX's NOTIFYs stored, NOTIFIED when the owner was told, else NO_NOTIFICATION).
 */
public final class MessageTally {
    /** Counts of one moment; a combination absent from the database counts 0. */
    public record Counts(Map<String, Long> byKey) {
        public long messages(String channel, String direction, String status) {
            return byKey.getOrDefault(key("m", channel, direction, status), 0L);
        }

        /** Outbound SMS whose last attempt went through {@code modem}, in {@code status} (SENT, FAILED, SENDING). */
        public long byModem(String modem, String status) {
            return byKey.getOrDefault(key("modem", modem, status), 0L);
        }
    }

    // One scan per table (GROUP BY the few columns that matter), folded into channels in Java: on a year of traffic
    // the scans are what costs, not the handful of groups.
    private static final String SQL = """
            SELECT 'outbound' AS t, status, source = ? AS email, modem, count(*) AS n FROM outbound_sms
                GROUP BY status, 3, modem
            UNION ALL SELECT 'inbound', email_status, NULL, NULL, count(*) FROM inbound_sms GROUP BY email_status
            UNION ALL SELECT 'notification', status, NULL, NULL, count(*) FROM voicemail_notification GROUP BY status
            UNION ALL SELECT 'forward', 'FORWARDED', NULL, NULL, count(*) FROM voicemail_forward
            UNION ALL SELECT 'notify', CASE WHEN notified THEN 'NOTIFIED' ELSE 'NO_NOTIFICATION' END, NULL, NULL,
                count(*) FROM voicemail_notify GROUP BY notified
            """;
    private static final Set<String> PER_MODEM = Set.of("SENT", "FAILED", "SENDING");

    private final DataSource dataSource;

    public MessageTally(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Counts count() {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, NewOutbound.SOURCE_EMAIL_REPLY);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString("status");
                    long n = rs.getLong("n");
                    switch (rs.getString("t")) {
                        case "outbound" -> {
                            add(out, n, "m", "sms", "out", status);
                            if (rs.getBoolean("email")) {
                                add(out, n, "m", "email", "in", status);
                            }
                            String modem = rs.getString("modem");
                            if (modem != null && PER_MODEM.contains(status)) {
                                add(out, n, "modem", modem, status);
                            }
                        }
                        case "inbound" -> {
                            add(out, n, "m", "sms", "in", "RECEIVED");
                            add(out, n, "m", "email", "out", status);
                        }
                        case "notification" -> add(out, n, "m", "voicemail", "out", status);
                        case "forward" -> add(out, n, "m", "voicemail", "in", status);
                        default -> add(out, n, "m", "sip", "in", status);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("counting messages", e);
        }
        return new Counts(Map.copyOf(out));
    }

    private static void add(Map<String, Long> out, long n, String... key) {
        out.merge(key(key), n, Long::sum);
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
