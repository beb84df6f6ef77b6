package org.switchboard.broadcast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.switchboard.broadcast.Plan.MissingPlaceholder;
import org.switchboard.broadcast.Plan.Planned;
import org.switchboard.broadcast.Plan.Recipient;
import org.switchboard.broadcast.Plan.Refused;
import org.switchboard.broadcast.Plan.Sample;
import org.switchboard.channel.PartCounter;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.Sql;

/**
 * Plans a broadcast in one transaction: the broadcast row and every recipient's rendered SMS are stored before
 * anything is sent, or nothing is stored at all.
 * <p>
 * Contacts are streamed through a cursor and their SMS inserted a thousand at a time, so a broadcast to a hundred
 * thousand contacts never sits in memory. If any recipient lacks a placeholder's value the whole plan is rolled
 * back: a half-filled text ("Dear , your exam at ...") must never go out, and sending it to only the others would
 * leave the staff to find and fix the rest by hand.
 */
public final class BroadcastPlanner {

    public static final String SOURCE = "broadcast";
    static final int BATCH = 1000;
    private static final int SAMPLES = 3;
    private static final int EXAMPLES = 3;

    private final DataSource dataSource;
    private final PhoneNumbers numbers;
    private final PartCounter parts;

    /** @param parts how many SMS parts each recipient's text takes, as the channels that carry it count */
    public BroadcastPlanner(DataSource dataSource, PhoneNumbers numbers, PartCounter parts) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    public Plan plan(BroadcastRequest request) {
        Template template;
        try {
            template = Template.parse(request.template());
        } catch (TemplateException e) {
            return new Refused(e.getMessage(), List.of());
        }
        if (request.template().isBlank()) {
            return new Refused("the broadcast text is empty", List.of());
        }
        return Sql.inTransaction(dataSource, "planning a broadcast for " + request.requestedBy(), c -> {
            Optional<Long> id = insertBroadcast(c, request);
            if (id.isEmpty()) {
                return existing(c, request.sourceRef());
            }
            Pass pass = new Pass(c, id.get(), request, template);
            pass.run();
            if (pass.refusal != null) {
                c.rollback();
                return pass.refusal;
            }
            Sql.update(c, "UPDATE broadcast SET recipients = ?, opted_out = ?, invalid = ?, duplicates = ?, parts = ?"
                    + " WHERE id = ?", pass.recipients, pass.optedOut, pass.invalid, pass.duplicates,
                    Math.toIntExact(pass.totalParts), id.get());
            return new Planned(id.get(), pass.recipients, pass.optedOut, pass.invalid, pass.duplicates,
                    pass.totalParts, pass.maxParts, pass.samples, false);
        });
    }

    /** The new broadcast's id, or empty when a broadcast with this sourceRef exists already. */
    private static Optional<Long> insertBroadcast(Connection c, BroadcastRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO broadcast"
                + " (requested_by, source, source_ref, segment, filter, template, status, confirmed_at)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, CASE WHEN ? THEN now() END)"
                + " ON CONFLICT (source_ref) DO NOTHING RETURNING id")) {
            Sql.bind(ps, r.requestedBy(), r.source(), r.sourceRef(), r.segment(), Filters.toJson(r.filter()),
                    r.template(), (r.hold() ? BroadcastStatus.AWAITING_CONFIRMATION : BroadcastStatus.SENDING).name(),
                    !r.hold());
            return Sql.first(ps, rs -> rs.getLong(1));
        }
    }

    /** The plan as first made, for a request read again (an email re-read after a crash). */
    private static Planned existing(Connection c, String sourceRef) throws SQLException {
        long id;
        int recipients;
        int optedOut;
        int invalid;
        int duplicates;
        long parts;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, recipients, opted_out, invalid, duplicates, parts"
                + " FROM broadcast WHERE source_ref = ?")) {
            ps.setString(1, sourceRef);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("broadcast " + sourceRef + " neither inserted nor found");
                }
                id = rs.getLong(1);
                recipients = rs.getInt(2);
                optedOut = rs.getInt(3);
                invalid = rs.getInt(4);
                duplicates = rs.getInt(5);
                parts = rs.getLong(6);
            }
        }
        int maxParts = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(parts), 0) FROM outbound_sms WHERE broadcast_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                maxParts = rs.getInt(1);
            }
        }
        List<Sample> samples = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.recipient, ct.name, o.text, o.parts"
                + " FROM outbound_sms o LEFT JOIN contact ct ON ct.number = o.recipient"
                + " WHERE o.broadcast_id = ? ORDER BY o.id LIMIT " + SAMPLES)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    samples.add(new Sample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return new Planned(id, recipients, optedOut, invalid, duplicates, parts, maxParts, samples, true);
    }

    /** One pass over the matching contacts: renders, counts, and stores in batches while nothing is missing. */
    private final class Pass {

        private final Connection c;
        private final long broadcastId;
        private final BroadcastRequest request;
        private final Template template;
        private final boolean needsAttributes;

        private final List<String> batchNumbers = new ArrayList<>(BATCH);
        private final List<String> batchTexts = new ArrayList<>(BATCH);
        private final List<Integer> batchParts = new ArrayList<>(BATCH);
        private final Map<String, Missing> missing = new LinkedHashMap<>();
        private final List<Sample> samples = new ArrayList<>(SAMPLES);
        private PreparedStatement insert;
        private PreparedStatement optOut;

        private int matched;
        private int recipients;
        private int optedOut;
        private int invalid;
        private int duplicates;
        private int lacking;
        private long totalParts;
        private int maxParts;
        private Refused refusal;

        Pass(Connection c, long broadcastId, BroadcastRequest request, Template template) {
            this.c = c;
            this.broadcastId = broadcastId;
            this.request = request;
            this.template = template;
            this.needsAttributes = template.placeholders().stream()
                    .anyMatch(p -> !p.equals(Template.NAME) && !p.equals(Template.FIRST_NAME));
        }

        void run() throws SQLException {
            try (PreparedStatement contacts = c.prepareStatement("SELECT c.number, c.name,"
                    + (needsAttributes ? " c.attributes::text," : " NULL,")
                    + " o.number IS NOT NULL FROM contact c LEFT JOIN opt_out o ON o.number = c.number"
                    + " WHERE c.attributes @> ?::jsonb ORDER BY c.id")) {
                // A cursor: with autocommit off the driver fetches this many rows at a time instead of all of them.
                contacts.setFetchSize(BATCH);
                contacts.setString(1, Filters.toJson(request.filter()));
                try (ResultSet rs = contacts.executeQuery()) {
                    while (rs.next() && refusal == null) {
                        contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
                    }
                }
                if (refusal == null) {
                    flush();
                    refusal = refusalIfAny();
                }
            } finally {
                if (insert != null) {
                    insert.close();
                }
                if (optOut != null) {
                    optOut.close();
                }
            }
        }

        private void contact(String number, String name, String attributesJson, boolean optedOutAsStored)
                throws SQLException {
            matched++;
            if (optedOutAsStored) {
                optedOut++;
                return;
            }
            Optional<String> e164 = numbers.tryE164(number);
            if (e164.isEmpty()) {
                invalid++;
                return;
            }
            String recipient = e164.get();
            if (!recipient.equals(number) && isOptedOut(recipient)) {
                optedOut++;
                return;
            }
            Map<String, String> attributes = needsAttributes ? Filters.fromJson(attributesJson) : Map.of();
            Template.Rendered rendered = template.render(name, attributes);
            if (rendered instanceof Template.Rendered.Missing m) {
                lacking++;
                for (String placeholder : m.placeholders()) {
                    missing.computeIfAbsent(placeholder, k -> new Missing()).add(number, name);
                }
                return;
            }
            if (!missing.isEmpty()) {
                return; // nothing more will be stored; only the missing values are still counted
            }
            String text = ((Template.Rendered.Text) rendered).text();
            int parts = parts(recipient, text);
            if (refusal != null) {
                return;
            }
            // A sample of a duplicate number would show the staff a message nobody gets.
            if (samples.size() < SAMPLES && samples.stream().noneMatch(x -> x.number().equals(recipient))) {
                samples.add(new Sample(recipient, name, text, parts));
            }
            batchNumbers.add(recipient);
            batchTexts.add(text);
            batchParts.add(parts);
            if (batchNumbers.size() >= BATCH) {
                flush();
            }
        }

        private int parts(String recipient, String text) {
            try {
                return parts.parts(recipient, text);
            } catch (IllegalArgumentException e) {
                refusal = new Refused("the message for " + recipient + " does not fit in SMS: " + e.getMessage(),
                        List.of());
                return 0;
            }
        }

        private boolean isOptedOut(String number) throws SQLException {
            if (optOut == null) {
                optOut = c.prepareStatement("SELECT 1 FROM opt_out WHERE number = ?");
            }
            optOut.setString(1, number);
            try (ResultSet rs = optOut.executeQuery()) {
                return rs.next();
            }
        }

        private void flush() throws SQLException {
            if (batchNumbers.isEmpty()) {
                return;
            }
            if (insert == null) {
                // One statement per thousand rows; a number already in this broadcast (two contacts whose numbers
                // are one number once normalised) is skipped by the unique index and counted as a duplicate.
                insert = c.prepareStatement("INSERT INTO outbound_sms"
                        + " (recipient, text, parts, source, requested_by, status, lane, broadcast_id)"
                        + " SELECT r, t, p, '" + SOURCE + "', ?, ?, 1, ?"
                        + " FROM unnest(?::text[], ?::text[], ?::int[]) AS u (r, t, p)"
                        + " ON CONFLICT (broadcast_id, recipient) WHERE broadcast_id IS NOT NULL DO NOTHING"
                        + " RETURNING parts");
                insert.setString(1, request.requestedBy());
                insert.setString(2, request.hold() ? "HELD" : "PENDING");
                insert.setLong(3, broadcastId);
            }
            insert.setArray(4, c.createArrayOf("text", batchNumbers.toArray()));
            insert.setArray(5, c.createArrayOf("text", batchTexts.toArray()));
            insert.setArray(6, c.createArrayOf("int4", batchParts.toArray()));
            int stored = 0;
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    int parts = rs.getInt(1);
                    stored++;
                    totalParts += parts;
                    maxParts = Math.max(maxParts, parts);
                }
            }
            recipients += stored;
            duplicates += batchNumbers.size() - stored;
            batchNumbers.clear();
            batchTexts.clear();
            batchParts.clear();
        }

        private Refused refusalIfAny() {
            if (!missing.isEmpty()) {
                int sendable = matched - optedOut - invalid;
                String which = missing.entrySet().stream()
                        .map(e -> "{" + e.getKey() + "} (" + e.getValue().count + ")")
                        .collect(Collectors.joining(", "));
                List<MissingPlaceholder> details = missing.entrySet().stream()
                        .map(e -> new MissingPlaceholder(e.getKey(), e.getValue().count, e.getValue().examples))
                        .toList();
                return new Refused(lacking + " of the " + sendable + " recipients have no value for " + which
                        + "; nothing was sent", details);
            }
            if (recipients == 0) {
                return new Refused("no recipient: " + matched + " contact(s) match the filter, " + optedOut
                        + " opted out and " + invalid + " with an invalid number", List.of());
            }
            return null;
        }
    }

    /** How many recipients lack one placeholder, and the first few of them. */
    private static final class Missing {
        private int count;
        private final List<Recipient> examples = new ArrayList<>(EXAMPLES);

        void add(String number, String name) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(new Recipient(number, name));
            }
        }
    }
}
