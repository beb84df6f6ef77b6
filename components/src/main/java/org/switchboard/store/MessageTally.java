package org.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

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

    private static final String SQL = """
            SELECT 'm' AS kind, 'sms' AS a, 'out' AS b, status AS c, count(*) AS n FROM outbound_sms GROUP BY status
            UNION ALL SELECT 'm', 'sms', 'in', 'RECEIVED', count(*) FROM inbound_sms
            UNION ALL SELECT 'm', 'email', 'out', email_status, count(*) FROM inbound_sms GROUP BY email_status
            UNION ALL SELECT 'm', 'email', 'in', status, count(*) FROM outbound_sms
                WHERE source = ? GROUP BY status
            UNION ALL SELECT 'm', 'voicemail', 'out', status, count(*) FROM voicemail_notification GROUP BY status
            UNION ALL SELECT 'm', 'voicemail', 'in', 'FORWARDED', count(*) FROM voicemail_forward
            UNION ALL SELECT 'm', 'sip', 'in', CASE WHEN notified THEN 'NOTIFIED' ELSE 'NO_NOTIFICATION' END, count(*)
                FROM voicemail_notify GROUP BY notified
            UNION ALL SELECT 'modem', modem, status, NULL, count(*) FROM outbound_sms
                WHERE modem IS NOT NULL AND status IN ('SENT', 'FAILED', 'SENDING') GROUP BY modem, status
            """;

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
                    String key = "m".equals(rs.getString("kind"))
                            ? key("m", rs.getString("a"), rs.getString("b"), rs.getString("c"))
                            : key("modem", rs.getString("a"), rs.getString("b"));
                    out.merge(key, rs.getLong("n"), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("counting messages", e);
        }
        return new Counts(Map.copyOf(out));
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
