package org.switchboard.broadcast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.switchboard.store.Sql;

/**
 * What became of a broadcast's SMS: the summary for the report email, counted by SQL, and a CSV of every recipient
 * streamed from a cursor (a hundred thousand rows never sit in memory).
 */
public final class BroadcastReport {

    public static final List<String> CSV_HEADER = List.of("number", "name", "status", "modem", "parts", "sent_at",
            "delivery_status", "error", "error_code", "possible_duplicate");
    private static final int MAX_REASONS = 20;
    private static final int FETCH = 1000;

    private final DataSource dataSource;

    public BroadcastReport(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The counts of one broadcast.
     *
     * @param recipients         SMS in the broadcast
     * @param sent               accepted by the network
     * @param delivered          sent and reported delivered
     * @param notDelivered       sent, but the network reported it could not deliver
     * @param awaitingReport     sent, no final status report yet
     * @param failed             never accepted by the network (given up on)
     * @param cancelled          cancelled before they went out
     * @param possibleDuplicates sent again after a crash, so maybe received twice
     * @param duration           from confirmation to the last SMS sent or given up on; empty before either
     * @param failures           failed and undelivered SMS grouped by reason, most frequent first
     */
    public record Summary(long recipients, long sent, long delivered, long notDelivered, long awaitingReport,
            long failed, long cancelled, long possibleDuplicates, Optional<Duration> duration,
            List<FailureReason> failures) {

        public Summary {
            failures = List.copyOf(failures);
        }
    }

    /**
     * SMS that failed for one reason.
     *
     * @param errorCode the modem's +CMS/+CME code, when it gave one (null for an undelivered SMS: see the error)
     * @param error     the error as recorded, or "not delivered (status report code N)" for what the network reported
     */
    public record FailureReason(Integer errorCode, String error, long count) {
    }

    public Summary summary(long broadcastId) {
        return Sql.inTransaction(dataSource, "summing up broadcast " + broadcastId, c -> {
            Summary counts;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*),"
                    + " count(*) FILTER (WHERE o.status = 'SENT'),"
                    + " count(*) FILTER (WHERE o.status = 'SENT' AND o.delivery_status = 'delivered'),"
                    + " count(*) FILTER (WHERE o.status = 'SENT' AND o.delivery_status = 'failed'),"
                    + " count(*) FILTER (WHERE o.status = 'SENT' AND (o.delivery_status IS NULL"
                    + "                                             OR o.delivery_status = 'pending')),"
                    + " count(*) FILTER (WHERE o.status = 'FAILED'),"
                    + " count(*) FILTER (WHERE o.status = 'CANCELLED'),"
                    + " count(*) FILTER (WHERE o.possible_duplicate),"
                    // A failed SMS has no sent_at: its last attempt began at claimed_at.
                    + " (SELECT b.confirmed_at FROM broadcast b WHERE b.id = ?),"
                    + " greatest(max(o.sent_at) FILTER (WHERE o.status = 'SENT'),"
                    + "          max(o.claimed_at) FILTER (WHERE o.status = 'FAILED'))"
                    + " FROM outbound_sms o WHERE o.broadcast_id = ?")) {
                ps.setLong(1, broadcastId);
                ps.setLong(2, broadcastId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    OffsetDateTime confirmed = rs.getObject(9, OffsetDateTime.class);
                    OffsetDateTime last = rs.getObject(10, OffsetDateTime.class);
                    Optional<Duration> duration = confirmed == null || last == null ? Optional.empty()
                            : Optional.of(Duration.between(confirmed, last).isNegative() ? Duration.ZERO
                                    : Duration.between(confirmed, last));
                    counts = new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), duration, List.of());
                }
            }
            List<FailureReason> reasons = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, error, n FROM ("
                    // The same refusal from two modems is one reason: the modem's name ("sending SMS on gsm1: ")
                    // is left out of the grouping.
                    + "  SELECT error_code AS code,"
                    + "         regexp_replace(coalesce(error, 'unknown error'), '^sending SMS on [^:]*: ', '') AS error,"
                    + "         count(*) AS n"
                    + "  FROM outbound_sms WHERE broadcast_id = ? AND status = 'FAILED' GROUP BY 1, 2"
                    + "  UNION ALL"
                    + "  SELECT NULL::int, 'not delivered' || coalesce(' (status report code ' || delivery_code || ')', ''),"
                    + "         count(*)"
                    + "  FROM outbound_sms WHERE broadcast_id = ? AND status = 'SENT' AND delivery_status = 'failed'"
                    + "  GROUP BY 1, 2) r ORDER BY n DESC, code NULLS LAST, error LIMIT " + MAX_REASONS)) {
                ps.setLong(1, broadcastId);
                ps.setLong(2, broadcastId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int code = rs.getInt(1);
                        reasons.add(new FailureReason(rs.wasNull() ? null : code, rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return new Summary(counts.recipients(), counts.sent(), counts.delivered(), counts.notDelivered(),
                    counts.awaitingReport(), counts.failed(), counts.cancelled(), counts.possibleDuplicates(),
                    counts.duration(), reasons);
        });
    }

    /** Every recipient of the broadcast as CSV (header first, in the order they were planned), times in UTC. */
    long writeCsv(long broadcastId, Writer out) {
        return writeCsv(broadcastId, out, ZoneOffset.UTC);
    }

    /**
     * Every recipient as CSV, times in {@code zone}; returns the number of rows written. The status is the one the
     * staff see: held, queued, sending, sent, delivered, failed (not accepted, or reported undelivered), cancelled.
     */
    public long writeCsv(long broadcastId, Writer out, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        return Sql.inTransaction(dataSource, "writing the CSV of broadcast " + broadcastId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT o.recipient, ct.name, o.status, o.modem, o.parts,"
                    + " o.sent_at, o.delivery_status, o.error, o.error_code, o.possible_duplicate"
                    + " FROM outbound_sms o LEFT JOIN contact ct ON ct.number = o.recipient"
                    + " WHERE o.broadcast_id = ? ORDER BY o.id")) {
                ps.setFetchSize(FETCH);
                ps.setLong(1, broadcastId);
                long rows = 0;
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get()
                        .print(out);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime sentAt = rs.getObject(6, OffsetDateTime.class);
                        int code = rs.getInt(9);
                        boolean noCode = rs.wasNull();
                        int parts = rs.getInt(5);
                        boolean noParts = rs.wasNull();
                        csv.printRecord(rs.getString(1), cell(rs.getString(2)),
                                staffStatus(rs.getString(3), rs.getString(7)), cell(rs.getString(4)),
                                noParts ? "" : Integer.toString(parts),
                                sentAt == null ? "" : sentAt.atZoneSameInstant(zone).toOffsetDateTime()
                                        .truncatedTo(ChronoUnit.SECONDS).format(time),
                                Objects.toString(rs.getString(7), ""), cell(rs.getString(8)),
                                noCode ? "" : Integer.toString(code), rs.getBoolean(10) ? "yes" : "no");
                        rows++;
                    }
                }
                csv.flush();
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException("writing the CSV of broadcast " + broadcastId, e);
            }
        });
    }

    /** The status of an outbound row as the staff see it. */
    public static String staffStatus(String status, String deliveryStatus) {
        return switch (status) {
            case "HELD" -> "held";
            case "PENDING" -> "queued";
            case "SENDING" -> "sending";
            case "SENT" -> "delivered".equals(deliveryStatus) ? "delivered"
                    : "failed".equals(deliveryStatus) ? "failed" : "sent";
            case "FAILED" -> "failed";
            case "CANCELLED" -> "cancelled";
            default -> status.toLowerCase(java.util.Locale.ROOT);
        };
    }

    // A spreadsheet runs a cell starting with = + - @ as a formula: contact names and errors come from outside.
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
