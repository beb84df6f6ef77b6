package org.switchboard.store;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.switchboard.contacts.AttributesJson;

/**
 * Everything the hub did with one number, in one timeline: its SMS in (and the email each became), the SMS sent to it
 * (with their delivery), the click-to-calls to it, and the PBX's voicemail mails whose caller is that number; with the
 * contact, its attributes and its opt-out.
 */
public final class ConversationTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    // One row shape for the four tables: kind, id, time, text, status, and what else each kind knows as JSON.
    private static final String EVENTS = "SELECT 'sms-in' AS kind, i.id::text AS id, i.received_at AS at, i.text,"
            + " CASE i.email_status WHEN 'SENT' THEN 'EMAILED' WHEN 'FAILED' THEN 'EMAIL_FAILED' ELSE 'RECEIVED' END"
            + " AS status, jsonb_build_object('emailMessageId', i.email_message_id, 'emailedAt', i.emailed_at,"
            + " 'emailError', i.email_error, 'channel', coalesce(i.channel, i.modem), 'parts', i.parts, 'incomplete',"
            + " i.incomplete, 'optOutKeyword', i.opt_out_keyword)::text AS details"
            + " FROM inbound_sms i WHERE i.originator = ?"
            + " UNION ALL"
            + " SELECT 'sms-out', o.id::text, o.created_at, o.text, o.status, jsonb_build_object('delivery',"
            + " o.delivery_status, 'deliveredAt', o.delivery_reported_at, 'sentAt', o.sent_at, 'error', o.error,"
            + " 'source', o.source, 'requestedBy', o.requested_by, 'broadcast', o.broadcast_id, 'channel',"
            + " coalesce(o.channel, o.modem), 'parts', o.parts)::text"
            + " FROM outbound_sms o WHERE o.recipient = ?::text"
            + " UNION ALL"
            + " SELECT 'call', k.id::text, k.requested_at, NULL, k.state, jsonb_build_object('agent', k.agent,"
            + " 'requestedBy', k.requested_by, 'cause', k.cause, 'causeCode', k.cause_code, 'connectedAt',"
            + " k.connected_at, 'endedAt', k.ended_at, 'durationSeconds', extract(epoch FROM k.ended_at -"
            + " k.connected_at))::text"
            + " FROM call k WHERE k.customer = ?::text"
            + " UNION ALL"
            // Asterisk's voicemail mails name the caller as the PBX saw it (+6281..., 6281..., "Budi" <0812...>):
            // linked when its digits are the number's, with or without the country code's place taken by a 0.
            + " SELECT 'voicemail', f.message_id, f.claimed_at, NULL, 'FORWARDED', jsonb_build_object('mailbox',"
            + " f.mailbox, 'caller', f.caller)::text"
            + " FROM voicemail_forward f WHERE f.caller IS NOT NULL AND regexp_replace(f.caller, '\\D', '', 'g')"
            + " IN (?, ?)";

    private final DataSource dataSource;

    public ConversationTimeline(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The contact as the timeline shows it: null name and empty attributes when the number is no contact. */
    public record Contact(String number, String name, Map<String, String> attributes, String optOutKeyword,
            OffsetDateTime optedOutAt) {
    }

    /** One thing that happened with the number: {@code kind} sms-in, sms-out, call or voicemail. */
    public record Event(String kind, String id, OffsetDateTime at, String text, String status,
            Map<String, Object> details) {
    }

    /** The number's contact, and its latest {@code limit} events, oldest first. */
    public record Timeline(Contact contact, List<Event> events, boolean more) {
    }

    /**
     * @param e164           the number
     * @param nationalDigits the number as dialled at home (0812...), how a PBX may name the caller; null if unknown
     */
    public Timeline of(String e164, String nationalDigits, int limit) {
        String digits = e164.substring(1);
        return Sql.inTransaction(dataSource, "reading the conversation of " + e164, c -> {
            Contact contact;
            try (PreparedStatement ps = c.prepareStatement("SELECT c.name, c.attributes::text, o.keyword,"
                    + " o.opted_out_at FROM (SELECT ?::text AS number) n LEFT JOIN contact c ON c.number = n.number"
                    + " LEFT JOIN opt_out o ON o.number = n.number")) {
                ps.setString(1, e164);
                contact = Sql.first(ps, rs -> new Contact(e164, rs.getString(1), rs.getString(2) == null ? Map.of()
                        : AttributesJson.read(rs.getString(2)), rs.getString(3), Sql.time(rs, "opted_out_at")))
                        .orElseThrow();
            }
            List<Event> events;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + EVENTS + ") e ORDER BY at DESC, kind,"
                    + " id DESC LIMIT ?")) {
                Sql.bind(ps, e164, e164, e164, digits, nationalDigits == null ? digits : nationalDigits, limit + 1);
                events = new ArrayList<>(Sql.list(ps, rs -> new Event(rs.getString("kind"), rs.getString("id"),
                        Sql.time(rs, "at"), rs.getString("text"), rs.getString("status"),
                        details(rs.getString("details")))));
            }
            boolean more = events.size() > limit;
            if (more) {
                events.remove(events.size() - 1);
            }
            Collections.reverse(events);
            return new Timeline(contact, events, more);
        });
    }

    private static Map<String, Object> details(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's jsonb read back: " + json, e);
        }
    }
}
