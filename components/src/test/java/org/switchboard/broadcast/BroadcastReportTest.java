package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.broadcast.BroadcastReport.FailureReason;
import org.switchboard.broadcast.BroadcastReport.Summary;
import org.switchboard.store.TestDatabaseExtension;

/** The report's figures from SQL and the CSV of every recipient. */
class BroadcastReportTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private BroadcastFixtures fx;
    private BroadcastReport report;

    @BeforeEach
    void empty() {
        fx = new BroadcastFixtures(db.dataSource());
        fx.emptyTables();
        report = new BroadcastReport(db.dataSource());
    }

    /** A finished broadcast: 3 delivered, 1 undelivered, 1 awaiting a report, 3 failed for 2 reasons, 1 cancelled. */
    static long finishedBroadcast(BroadcastFixtures fx) {
        fx.contact("+6281200000001", "Budi Santoso", Map.of());
        fx.contact("+6281200000002", "=HYPERLINK(\"x\")", Map.of());
        long id = fx.broadcast("SENDING");
        fx.sql("UPDATE broadcast SET confirmed_at = '2026-11-20 08:00:00+00' WHERE id = ?", id);
        fx.row(id, "+6281200000001", "SENT", "delivered", null);
        fx.row(id, "+6281200000002", "SENT", "delivered", null);
        fx.row(id, "+6281200000003", "SENT", "delivered", null);
        fx.row(id, "+6281200000004", "SENT", "failed", null);
        fx.row(id, "+6281200000005", "SENT", null, null);
        fx.row(id, "+6281200000006", "FAILED", null, null);
        fx.row(id, "+6281200000007", "FAILED", null, null);
        fx.row(id, "+6281200000008", "FAILED", null, null);
        fx.row(id, "+6281200000009", "CANCELLED", null, null);
        fx.sql("UPDATE outbound_sms SET modem = 'modem-' || (id % 2), parts = 1,"
                + " sent_at = '2026-11-20 08:00:00+00'::timestamptz + id * interval '1 minute' WHERE status = 'SENT'");
        fx.sql("UPDATE outbound_sms SET delivery_code = 69 WHERE delivery_status = 'failed'");
        fx.sql("UPDATE outbound_sms SET possible_duplicate = true WHERE recipient = '+6281200000002'");
        fx.sql("UPDATE outbound_sms SET error = '+CMS ERROR: 21', error_code = 21, modem = 'modem-1',"
                + " claimed_at = '2026-11-20 08:20:00+00' WHERE recipient IN ('+6281200000006', '+6281200000007')");
        fx.sql("UPDATE outbound_sms SET error = 'no modem accepted it', claimed_at = '2026-11-20 08:03:00+00'"
                + " WHERE recipient = '+6281200000008'");
        return id;
    }

    @Test
    void summaryCountsFromSql() {
        long id = finishedBroadcast(fx);
        Summary s = report.summary(id);
        assertEquals(9, s.recipients());
        assertEquals(5, s.sent());
        assertEquals(3, s.delivered());
        assertEquals(1, s.notDelivered());
        assertEquals(1, s.awaitingReport());
        assertEquals(3, s.failed());
        assertEquals(1, s.cancelled());
        assertEquals(1, s.possibleDuplicates());
        // confirmed at 08:00, the last failure's attempt began at 08:20 (later than the last SMS sent, 08:05)
        assertEquals(Optional.of(Duration.ofMinutes(20)), s.duration());
        assertEquals(List.of(new FailureReason(21, "+CMS ERROR: 21", 2),
                new FailureReason(null, "no modem accepted it", 1),
                new FailureReason(null, "not delivered (status report code 69)", 1)), s.failures());
    }

    @Test
    void anUnconfirmedBroadcastHasNoDuration() {
        long id = fx.broadcast("AWAITING_CONFIRMATION");
        fx.row(id, "+6281200000001", "HELD", null, null);
        Summary s = report.summary(id);
        assertEquals(1, s.recipients());
        assertEquals(Optional.empty(), s.duration());
        assertTrue(s.failures().isEmpty());
    }

    @Test
    void csvHasEveryRecipientWithTheStatusTheStaffSee() throws IOException {
        long id = finishedBroadcast(fx);
        fx.row(id, "+6281200000010", "PENDING", null, null);
        fx.row(id, "+6281200000011", "SENDING", null, 1);
        StringWriter out = new StringWriter();
        assertEquals(11, report.writeCsv(id, out));

        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(out.toString()))
                .getRecords();
        assertEquals(11, rows.size());
        assertEquals(BroadcastReport.CSV_HEADER, rows.get(0).getParser().getHeaderNames());
        CSVRecord budi = rows.get(0);
        assertEquals("+6281200000001", budi.get("number"));
        assertEquals("Budi Santoso", budi.get("name"));
        assertEquals("delivered", budi.get("status"));
        assertEquals("modem-1", budi.get("modem"));
        assertEquals("1", budi.get("parts"));
        assertEquals("2026-11-20T08:01:00Z", budi.get("sent_at"));
        assertEquals("delivered", budi.get("delivery_status"));
        assertEquals("no", budi.get("possible_duplicate"));
        CSVRecord formula = rows.get(1);
        assertEquals("'=HYPERLINK(\"x\")", formula.get("name"), "a spreadsheet must not run a contact's name");
        assertEquals("yes", formula.get("possible_duplicate"));
        assertEquals("failed", rows.get(3).get("status"));
        assertEquals("failed", rows.get(3).get("delivery_status"));
        assertEquals("sent", rows.get(4).get("status"));
        assertEquals("", rows.get(4).get("name"));
        CSVRecord failed = rows.get(5);
        assertEquals("failed", failed.get("status"));
        assertEquals("'+CMS ERROR: 21", failed.get("error"));
        assertEquals("21", failed.get("error_code"));
        assertEquals("", failed.get("sent_at"));
        assertEquals("cancelled", rows.get(8).get("status"));
        assertEquals("queued", rows.get(9).get("status"));
        assertEquals("sending", rows.get(10).get("status"));
    }
}
