package org.switchboard.hub.emailtosms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mail.ReplyParse;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link BroadcastRequestRoute} through Camel on a real PostgreSQL and GreenMail, handed requests as
 * {@link EmailToSmsRoute} hands them: a broadcast up to the threshold is stored and released at once, a larger one is
 * held and its sender gets a preview, a request read twice is one broadcast, and one that cannot be sent as asked is
 * answered with the reason and stores nothing.
 */
class BroadcastRequestRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final int CONFIRM_ABOVE = 2;
    private static final String REQUEST_ID = "<bc-1@staff.switchboard.local>";

    private CamelContext camel;
    private ProducerTemplate template;
    private JournalWriter journal;
    private TestMail mail;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        mail = TestMail.start();
        PhoneNumbers numbers = new PhoneNumbers("ID");
        Channels channels = new Channels(List.of(new FakeChannel("alpha", "alpha-1", "alpha-2")), Map.of());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        // As EmailToSmsModule builds it.
        camel.addRoutes(new BroadcastRequestRoute(new BroadcastPlanner(db.dataSource(), numbers, channels),
                new BroadcastStore(db.dataSource()), new SegmentStore(db.dataSource()), TestMail.SETTINGS, channels,
                CONFIRM_ABOVE, mail.endpoints().smtp()));
        camel.start();
        template = camel.createProducerTemplate();
        new SegmentStore(db.dataSource()).save("kelas12", ContactFilter.parse("kelas=12"), "Kelas 12", TestMail.STAFF);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        journal.close();
        mail.close();
    }

    private void contact(String number, String name, String attributes) {
        TestRows.update(db.dataSource(), "INSERT INTO contact (number, name, attributes) VALUES (?, ?, ?::jsonb)",
                number, name, attributes);
    }

    /** What EmailToSmsRoute hands over for a staff mail asking for a broadcast. */
    private Exchange request(String segment, String filter, String text) throws Exception {
        MimeMessage original = mail.compose();
        original.setFrom(new InternetAddress(TestMail.STAFF));
        original.setRecipients(Message.RecipientType.TO, (segment == null ? "all" : segment) + "@broadcast.switchboard.local");
        original.setSubject("Ujian");
        original.setHeader("Message-ID", REQUEST_ID);
        original.setText(text, "UTF-8");
        ReplyParse.BroadcastRequest request = new ReplyParse.BroadcastRequest(TestMail.STAFF, segment, filter, text,
                REQUEST_ID);
        return template.send(BroadcastRequestRoute.ENDPOINT, e -> {
            e.setProperty(EmailToSmsRoute.BROADCAST_REQUEST, request);
            e.setProperty(EmailToSmsRoute.ORIGINAL_MAIL, original);
        });
    }

    private List<String> rows() {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', recipient, text, status, lane, broadcast_id)"
                + " FROM outbound_sms ORDER BY id");
    }

    private String status(long broadcast) {
        return TestRows.text(db.dataSource(), "SELECT status FROM broadcast WHERE id = ?", broadcast);
    }

    @Test
    void aBroadcastUpToTheThresholdIsStoredAndReleasedAtOnceAndOnlyOnce() throws Exception {
        contact("+6281100000001", "Ani", "{\"kelas\": \"12\"}");
        contact("+6281100000002", "Budi", "{\"kelas\": \"12\"}");
        contact("+6281100000003", "Citra", "{\"kelas\": \"11\"}");

        assertNull(request("kelas12", null, "Halo {name}, ujian Senin.").getException());
        assertEquals("SENDING", status(1));
        assertEquals(List.of("+6281100000001|Halo Ani, ujian Senin.|PENDING|1|1",
                "+6281100000002|Halo Budi, ujian Senin.|PENDING|1|1"), rows());
        // The mail read again after a crash: the same broadcast, nothing added.
        assertNull(request("kelas12", null, "Halo {name}, ujian Senin.").getException());
        assertEquals(2, rows().size());
        assertEquals(List.of(), mail.mails(TestMail.STAFF), "no preview to answer");

        journal.flush();
        assertEquals(List.of("broadcast-planned: broadcast #1 from staff@switchboard.local to segment kelas12:"
                        + " 2 recipient(s), 0 opted out, 0 invalid, 2 SMS part(s)",
                "broadcast-released: 2 recipient(s), at most 2 without confirmation: released to the channels",
                "broadcast-planned: broadcast #1 from staff@switchboard.local to segment kelas12: 2 recipient(s),"
                        + " 0 opted out, 0 invalid, 2 SMS part(s) (request read again: planned before)",
                "broadcast-released: request read again: broadcast #1 is SENDING already, nothing changed"),
                TestRows.hops(db.dataSource(), "broadcast", 1));
    }

    @Test
    void aLargerBroadcastIsHeldAndItsSenderGetsAPreviewToAnswer() throws Exception {
        for (int i = 1; i <= 3; i++) {
            contact("+628110000000" + i, "Siswa " + i, "{\"kelas\": \"12\"}");
        }

        assertNull(request("kelas12", null, "Ujian Senin pukul 08.00.").getException());
        assertEquals("AWAITING_CONFIRMATION", status(1));
        assertEquals(List.of("HELD", "HELD", "HELD"), rows().stream().map(r -> r.split("\\|")[2]).toList());
        List<MimeMessage> previews = mail.mails(TestMail.STAFF);
        assertEquals(1, previews.size());
        MimeMessage preview = previews.get(0);
        assertEquals("Broadcast #1: 3 recipients - reply YES to send", preview.getSubject());
        assertEquals(REQUEST_ID, preview.getHeader("In-Reply-To", null));
        assertTrue(String.valueOf(preview.getContent()).contains("Ujian Senin pukul 08.00."));
        // Stored, so that the sender's YES to this mail finds the broadcast.
        assertEquals(preview.getMessageID(), TestRows.text(db.dataSource(),
                "SELECT preview_message_id FROM broadcast WHERE id = 1"));

        journal.flush();
        List<String> hops = TestRows.hops(db.dataSource(), "broadcast", 1);
        assertEquals(2, hops.size(), hops::toString);
        assertEquals("preview-sent: preview <broadcast-1-preview@sms.switchboard.local> to staff@switchboard.local:"
                + " 3 recipient(s), 2 line(s) up; waiting for YES", hops.get(1));
    }

    @Test
    void aRequestForASegmentThatDoesNotExistIsBouncedWithTheSegmentsThereAre() throws Exception {
        contact("+6281100000001", "Ani", "{\"kelas\": \"12\"}");

        assertNull(request("kelas13", null, "Halo {name}").getException());
        List<MimeMessage> answers = mail.mails(TestMail.STAFF);
        assertEquals(1, answers.size());
        assertEquals("Not sent: Ujian", answers.get(0).getSubject());
        assertTrue(String.valueOf(answers.get(0).getContent()).contains(
                "There is no segment called \"kelas13\". Saved segments: kelas12."), String.valueOf(answers.get(0)
                .getContent()));
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM broadcast"));
        assertEquals(List.of(), rows());
    }

    @Test
    void aTemplateSomeRecipientsLackAValueForIsRefusedNamingThemAndStoresNothing() throws Exception {
        contact("+6281100000001", "Ani", "{\"kelas\": \"12\", \"wali\": \"Bu Sari\"}");
        contact("+6281100000002", "Budi", "{\"kelas\": \"12\"}");

        assertNull(request(null, "kelas=12", "Yth. {wali}, rapor Ani dibagikan Sabtu.").getException());
        List<MimeMessage> answers = mail.mails(TestMail.STAFF);
        assertEquals(1, answers.size());
        assertEquals("Broadcast not sent: Ujian", answers.get(0).getSubject());
        String body = String.valueOf(answers.get(0).getContent());
        assertTrue(body.contains("wali") && body.contains("+6281100000002"), body);
        // All or nothing: a half-filled text must not go to anyone.
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM broadcast"));
        assertEquals(List.of(), rows());
    }
}
