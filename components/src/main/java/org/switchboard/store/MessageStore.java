package org.switchboard.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.switchboard.channel.InboundContent;

/**
 * The hub's state in SQL: inbound SMS and their email outbox, outbound SMS (their send queue is {@link OutboundQueue}),
 * email threads per number, contacts and opt-outs. Each method is one short transaction.
 */
public final class MessageStore {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private static final String INBOUND_COLUMNS = "id, modem, originator, text, parts, incomplete, received_at, stored_at,"
            + " fingerprint, opt_out_keyword, email_status, email_attempts, email_next_attempt_at, email_message_id,"
            + " emailed_at, email_error, kind, message_class, dest_port, src_port, data";

    private final DataSource dataSource;

    public MessageStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Whether the schema's e164 domain takes this number: only such numbers have contacts, threads and opt-outs. */
    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    // ---- inbound SMS ------------------------------------------------------------------------------------

    /**
     * Stores an SMS a channel received, once: the same SMS read again (same line, originator, SMSC time
     * stamp and text) returns the first row with {@code duplicate} set. An opt-out keyword also records
     * the opt-out, in the same transaction. Only E.164 originators can opt out: an alphanumeric sender
     * cannot be sent to anyway, but its row is still flagged with the keyword.
     */
    public StoredInbound storeInbound(NewInbound sms) {
        return storeInbound(sms, null);
    }

    /**
     * Decides, in the transaction that stores an inbound SMS, who takes it instead of the help desk (an application,
     * by the MO routing rules): the SMS and its hand-over commit together, so neither is lost.
     */
    @FunctionalInterface
    public interface InboundRouting {
        /** What the SMS was handed to (and recorded so in {@code c}), or empty to leave it to the help desk. */
        Optional<String> route(Connection c, long inboundId, NewInbound sms) throws SQLException;
    }

    /**
     * Stores an inbound SMS, and lets {@code routing} (when not null) hand a new one, unless it is an opt-out, to an
     * application: such an SMS is not e-mailed (email_status ROUTED).
     */
    public StoredInbound storeInbound(NewInbound sms, InboundRouting routing) {
        String fingerprint = fingerprint(sms);
        InboundContent content = sms.content();
        boolean text = content.kind().equals(InboundContent.TEXT);
        // STOP is a word a person types: data and WAP push are never an opt-out, nor an application's MO
        String keyword = text ? OptOutKeywords.match(sms.text()).orElse(null) : null;
        return Sql.inTransaction(dataSource, "storing an inbound SMS from " + sms.originator(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbound_sms (channel, modem, originator, text,"
                    + " parts, incomplete, received_at, fingerprint, opt_out_keyword, destination, kind, message_class,"
                    + " dest_port, src_port, data)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING"
                    + " RETURNING id")) {
                ps.setString(1, sms.channel());
                ps.setString(2, sms.modem());
                ps.setString(3, sms.originator());
                ps.setString(4, sms.text());
                ps.setInt(5, sms.parts());
                ps.setBoolean(6, sms.incomplete());
                ps.setObject(7, sms.receivedAt());
                ps.setString(8, fingerprint);
                ps.setString(9, keyword);
                ps.setString(10, sms.destination());
                ps.setString(11, content.kind());
                ps.setObject(12, content.messageClass(), java.sql.Types.SMALLINT);
                ps.setObject(13, content.destPort(), java.sql.Types.INTEGER);
                ps.setObject(14, content.srcPort(), java.sql.Types.INTEGER);
                ps.setBytes(15, content.data());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        if (keyword != null && E164.matcher(sms.originator()).matches()) {
                            recordOptOut(c, sms.originator(), keyword, sms.receivedAt());
                        }
                        String routed = null;
                        if (routing != null && keyword == null && text) {
                            routed = routing.route(c, id, sms).orElse(null);
                            if (routed != null) {
                                Sql.update(c, "UPDATE inbound_sms SET email_status = 'ROUTED' WHERE id = ?", id);
                            }
                        }
                        return new StoredInbound(id, false, keyword, routed);
                    }
                }
            }
            // A new statement sees rows committed since the INSERT began, so a concurrent first copy is found too.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, opt_out_keyword FROM inbound_sms WHERE fingerprint = ?")) {
                ps.setString(1, fingerprint);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("inbound SMS with fingerprint " + fingerprint + " neither inserted nor found");
                    }
                    return new StoredInbound(rs.getLong(1), true, rs.getString(2));
                }
            }
        });
    }

    /**
     * Records an opt-out in the caller's transaction, and cancels the SMS that broadcasts still hold or queue for that
     * number: a broadcast planned before the STOP must not send after it. Single SMS (a staff reply) still go. A row a
     * modem has in hand, or one a plan under way inserts after this commits, is cancelled by {@link OutboundQueue} when it
     * comes back to the queue or is claimed.
     */
    public static void recordOptOut(Connection c, String number, String keyword, OffsetDateTime at) throws SQLException {
        // The first opt-out counts: a second STOP does not move the date.
        Sql.update(c, "INSERT INTO opt_out (number, keyword, opted_out_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (number) DO NOTHING", number, keyword, at);
        Sql.update(c, "UPDATE outbound_sms SET status = 'CANCELLED',"
                + " error = 'opted out (' || ?::text || ') after the broadcast was planned', next_attempt_at = NULL"
                + " WHERE recipient = ? AND broadcast_id IS NOT NULL AND status IN ('HELD', 'PENDING')",
                keyword, number);
    }

    /**
     * sha-256 (hex) of modem|originator|SMSC time stamp|text. The time stamp is taken as an instant, so the
     * same SCTS read with another offset notation still matches. Two different SMS with equal fields (same
     * sender, same text, same second, same modem) would collapse into one; the SCTS makes that practically
     * impossible for a person typing.
     */
    public static String fingerprint(NewInbound sms) {
        String key = sms.modem() + "|" + sms.originator() + "|" + sms.receivedAt().toInstant() + "|" + sms.text()
                + (sms.content().data() == null ? "" : "|" + HexFormat.of().formatHex(sms.content().data()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public Optional<InboundSms> inbound(long id) {
        return Sql.inTransaction(dataSource, "reading inbound SMS " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INBOUND_COLUMNS + " FROM inbound_sms WHERE id = ?")) {
                ps.setLong(1, id);
                return Sql.first(ps, Sql::inbound);
            }
        });
    }

    /** Inbound SMS whose email is due at {@code now}, oldest first. */
    public List<InboundSms> pendingEmails(int limit, OffsetDateTime now) {
        return Sql.inTransaction(dataSource, "reading the email outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INBOUND_COLUMNS + " FROM inbound_sms"
                    + " WHERE email_status = 'PENDING' AND (email_next_attempt_at IS NULL OR email_next_attempt_at <= ?)"
                    + " ORDER BY id LIMIT ?")) {
                ps.setObject(1, now);
                ps.setInt(2, limit);
                return Sql.list(ps, Sql::inbound);
            }
        });
    }

    /**
     * Takes up to {@code limit} SMS whose email is due now, oldest first, for node {@code node}: each is due again only
     * when {@code lease} (longer than mailing one takes) has run out, so that no other node mails it meanwhile, and
     * one a crash interrupted is mailed when it has.
     */
    public List<InboundSms> claimEmails(int limit, String node, Duration lease) {
        return Sql.inTransaction(dataSource, "claiming the email outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbound_sms i SET email_node = ?,"
                    + " email_next_attempt_at = now() + ? * interval '1 millisecond'"
                    + " FROM (SELECT id FROM inbound_sms WHERE email_status = 'PENDING'"
                    + "  AND (email_next_attempt_at IS NULL OR email_next_attempt_at <= now()) ORDER BY id LIMIT ?"
                    + "  FOR UPDATE SKIP LOCKED) due WHERE i.id = due.id RETURNING "
                    + INBOUND_COLUMNS.replaceAll("(^|, )", "$1i."))) {
                Sql.bind(ps, node, lease.toMillis(), limit);
                List<InboundSms> claimed = new ArrayList<>(Sql.list(ps, Sql::inbound));
                claimed.sort(java.util.Comparator.comparingLong(InboundSms::id));
                return claimed;
            }
        });
    }

    /** The email went out with this Message-ID. Returns false when no such SMS exists. */
    public boolean markEmailed(long id, String messageId) {
        return Sql.update(dataSource, "marking inbound SMS " + id + " emailed", "UPDATE inbound_sms"
                + " SET email_status = 'SENT', email_message_id = ?, emailed_at = now(),"
                + " email_attempts = email_attempts + 1, email_next_attempt_at = NULL, email_error = NULL WHERE id = ?",
                messageId, id) > 0;
    }

    /** This attempt failed; try again at {@code nextAttempt}. Returns false unless the SMS was still pending. */
    public boolean markEmailRetry(long id, String error, OffsetDateTime nextAttempt) {
        return Sql.update(dataSource, "scheduling a retry of inbound SMS " + id, "UPDATE inbound_sms"
                + " SET email_attempts = email_attempts + 1, email_error = ?, email_next_attempt_at = ?"
                + " WHERE id = ? AND email_status = 'PENDING'", error, nextAttempt, id) > 0;
    }

    /** Gives up on emailing this SMS. Returns false unless the SMS was still pending. */
    boolean markEmailFailed(long id, String error) {
        return Sql.update(dataSource, "marking inbound SMS " + id + " failed", "UPDATE inbound_sms"
                + " SET email_status = 'FAILED', email_attempts = email_attempts + 1, email_error = ?,"
                + " email_next_attempt_at = NULL WHERE id = ? AND email_status = 'PENDING'", error, id) > 0;
    }

    // ---- conversations ----------------------------------------------------------------------------------

    public Optional<Conversation> conversation(String number) {
        return Sql.inTransaction(dataSource, "reading the conversation of " + number, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT number, root_message_id, last_message_id, updated_at"
                    + " FROM conversation WHERE number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Conversation(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, "updated_at")))
                            : Optional.empty();
                }
            }
        });
    }

    /** An email of this number's thread went out: the first one becomes the thread's root, each one its last. */
    public void recordEmail(String number, String messageId) {
        Sql.update(dataSource, "recording email " + messageId + " of " + number, "INSERT INTO conversation"
                + " (number, root_message_id, last_message_id, updated_at) VALUES (?, ?, ?, now())"
                + " ON CONFLICT (number) DO UPDATE SET last_message_id = EXCLUDED.last_message_id, updated_at = now()",
                number, messageId, messageId);
    }

    /**
     * The number whose thread a Message-ID (from In-Reply-To or References) belongs to. Matches with and
     * without the angle brackets, since mail clients and parsers differ in keeping them.
     */
    public Optional<String> numberForMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        String bare = messageId.strip().replaceAll("^<|>$", "");
        String[] forms = {bare, "<" + bare + ">"};
        return Sql.inTransaction(dataSource, "looking up Message-ID " + messageId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT originator FROM inbound_sms WHERE email_message_id = ANY (?)"
                    + " UNION ALL SELECT number FROM conversation WHERE root_message_id = ANY (?) OR last_message_id = ANY (?)"
                    + " LIMIT 1")) {
                for (int i = 1; i <= 3; i++) {
                    ps.setArray(i, c.createArrayOf("text", forms));
                }
                return Sql.first(ps, rs -> rs.getString(1));
            }
        });
    }

    // ---- contacts and opt-outs --------------------------------------------------------------------------

    public Optional<String> contactName(String number) {
        return Sql.inTransaction(dataSource, "reading the contact " + number, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM contact WHERE number = ? AND name IS NOT NULL")) {
                ps.setString(1, number);
                return Sql.first(ps, rs -> rs.getString(1));
            }
        });
    }

    public void upsertContact(String number, String name) {
        Sql.update(dataSource, "saving the contact " + number, "INSERT INTO contact (number, name) VALUES (?, ?)"
                + " ON CONFLICT (number) DO UPDATE SET name = EXCLUDED.name", number, name);
    }

    public boolean isOptedOut(String number) {
        return Sql.inTransaction(dataSource, "checking the opt-out of " + number, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM opt_out WHERE number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    // ---- outbound SMS -----------------------------------------------------------------------------------

    /** Queues an SMS; with a source_ref that is already stored, returns that row with {@code duplicate} set. */
    public StoredOutbound storeOutbound(NewOutbound o) {
        return Sql.inTransaction(dataSource, "storing an outbound SMS to " + o.recipient(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_sms"
                    + " (recipient, text, source, source_ref, requested_by) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (source_ref) DO NOTHING RETURNING id")) {
                ps.setString(1, o.recipient());
                ps.setString(2, o.text());
                ps.setString(3, o.source());
                ps.setString(4, o.sourceRef());
                ps.setString(5, o.requestedBy());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new StoredOutbound(rs.getLong(1), false);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbound_sms WHERE source_ref = ?")) {
                ps.setString(1, o.sourceRef());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("outbound SMS with source_ref " + o.sourceRef() + " neither inserted nor found");
                    }
                    return new StoredOutbound(rs.getLong(1), true);
                }
            }
        });
    }

    public Optional<OutboundSms> outbound(long id) {
        return Sql.inTransaction(dataSource, "reading outbound SMS " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Sql.OUTBOUND_COLUMNS + " FROM outbound_sms WHERE id = ?")) {
                ps.setLong(1, id);
                return Sql.first(ps, Sql::outbound);
            }
        });
    }

    /** A status report to record: which channel, the part's reference, the number it is about, its outcome. */
    public record DeliveryReport(String channel, String reference, String recipient, String deliveryStatus, int code) {
    }

    /**
     * {@link #recordDeliveryReport} for several reports in one statement (a busy SMSC's receipts arrive on several
     * threads at once): for each, in order, the SMS it landed on, or empty. Of two reports on one SMS only the first
     * lands here; the other comes back empty, to be asked again alone (as a report that overtook its SMS's commit is).
     */
    public List<Optional<Long>> recordDeliveryReports(List<DeliveryReport> reports) {
        return Sql.inTransaction(dataSource, "recording " + reports.size() + " status report(s)", c -> {
            // For each report n, as recordDeliveryReport says: the SMS with its reference, the most recent that
            // matches, and one report per SMS. The SMS with the reference come from the GIN index on part_refs (V18),
            // in a CTE of their own: given the whole condition the planner may walk the (channel, sent_at) index
            // instead, and with statistics a little stale (a busy table) it does, through every SMS sent since.
            try (PreparedStatement ps = c.prepareStatement("WITH r AS (SELECT * FROM unnest(?::text[], ?::text[],"
                    + " ?::text[], ?::text[], ?::int[]) WITH ORDINALITY AS r(channel, ref, tail, status, code, n)),"
                    + " hit AS MATERIALIZED (SELECT r.n, h.id, h.channel, h.sent_at, h.delivery_status, h.recipient"
                    + "  FROM r JOIN outbound_sms h ON h.status = 'SENT' AND h.part_refs @> ARRAY[r.ref]),"
                    + " pick AS (SELECT DISTINCT ON (hit.n) hit.n, hit.id FROM hit JOIN r ON r.n = hit.n"
                    + "  WHERE hit.channel = r.channel AND hit.sent_at > now() - interval '7 days'"
                    + "  AND (hit.delivery_status IS NULL OR hit.delivery_status = 'pending')"
                    + "  AND (r.tail = '' OR hit.recipient LIKE '%' || r.tail)"
                    + "  ORDER BY hit.n, hit.sent_at DESC, hit.id DESC),"
                    + " one AS (SELECT DISTINCT ON (id) id, n FROM pick ORDER BY id, n)"
                    + " UPDATE outbound_sms o SET delivery_status = r.status, delivery_code = r.code,"
                    + " delivery_reported_at = now() FROM one JOIN r ON r.n = one.n WHERE o.id = one.id"
                    + " RETURNING one.n, o.id")) {
                ps.setArray(1, c.createArrayOf("text", reports.stream().map(DeliveryReport::channel).toArray()));
                ps.setArray(2, c.createArrayOf("text", reports.stream().map(DeliveryReport::reference).toArray()));
                ps.setArray(3, c.createArrayOf("text", reports.stream().map(r -> tail(r.recipient())).toArray()));
                ps.setArray(4, c.createArrayOf("text", reports.stream().map(DeliveryReport::deliveryStatus).toArray()));
                ps.setArray(5, c.createArrayOf("integer", reports.stream().map(DeliveryReport::code).toArray()));
                List<Optional<Long>> landed = new java.util.ArrayList<>(java.util.Collections.nCopies(reports.size(),
                        Optional.empty()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        landed.set(rs.getInt(1) - 1, Optional.of(rs.getLong(2)));
                    }
                }
                return landed;
            }
        });
    }

    /** The last 8 digits of a number (a network may report it in national form); "" for none. */
    private static String tail(String recipient) {
        String digits = recipient == null ? "" : recipient.replaceAll("\\D", "");
        return digits.length() > 8 ? digits.substring(digits.length() - 8) : digits;
    }

    /**
     * A status report from {@code channel} on the part whose reference is {@code reference}, about {@code recipient}:
     * the most recent SMS that channel sent with such a part to that number, not yet reported final, gets its delivery
     * status. References may repeat (a modem's wrap every 256 SMS), so the number (its last 8 digits: a network may
     * report it in national form) and the final status keep a report that overtakes its SMS's own commit from landing
     * on an older SMS with the same reference; the caller tries such a report again shortly. Only the last week counts.
     * Empty when no SMS matches, e.g. a report for a message sent by another system through the same SIM.
     */
    public Optional<Long> recordDeliveryReport(String channel, String reference, String recipient,
            String deliveryStatus, int code) {
        return recordDeliveryReports(List.of(new DeliveryReport(channel, reference, recipient, deliveryStatus, code)))
                .get(0);
    }
}
