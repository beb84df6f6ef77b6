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
import org.switchboard.broadcast.Broadcast;
import org.switchboard.broadcast.BroadcastMails;
import org.switchboard.broadcast.BroadcastPlanner;
import org.switchboard.broadcast.BroadcastRequest;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.broadcast.Plan;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.hub.TestMail;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mail.ReplyParse;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link BroadcastConfirmationRoute} through Camel on a real PostgreSQL and GreenMail, handed answers to a held
 * broadcast's preview as {@link EmailToSmsRoute} hands them: the requester's YES releases its SMS and NO cancels them;
 * anyone else's answer, an answer that is neither, or a YES that comes after a cancel is bounced and changes nothing.
 */
class BroadcastConfirmationRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private CamelContext camel;
    private ProducerTemplate template;
    private JournalWriter journal;
    private TestMail mail;
    private BroadcastStore broadcasts;
    private Broadcast held;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        mail = TestMail.start();
        broadcasts = new BroadcastStore(db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        camel.addRoutes(new BroadcastConfirmationRoute(broadcasts, TestMail.SETTINGS, mail.endpoints().smtp()));
        camel.start();
        template = camel.createProducerTemplate();

        // A broadcast to three contacts, held for its sender's answer with its preview sent.
        for (int i = 1; i <= 3; i++) {
            TestRows.update(db.dataSource(), "INSERT INTO contact (number, name, attributes) VALUES (?, ?,"
                    + " '{\"kelas\": \"12\"}'::jsonb)", "+628110000000" + i, "Siswa " + i);
        }
        Plan.Planned plan = (Plan.Planned) new BroadcastPlanner(db.dataSource(), new PhoneNumbers("ID"),
                new Channels(List.of(new FakeChannel("alpha", "alpha-1")), Map.of())).plan(new BroadcastRequest(
                TestMail.STAFF, BroadcastRequest.SOURCE_EMAIL, "<bc-1@staff.switchboard.local>", null,
                Map.of("kelas", "12"), "Ujian Senin pukul 08.00.", true));
        broadcasts.setPreviewMessageId(plan.broadcastId(), BroadcastMails.previewMessageId(plan.broadcastId(),
                TestMail.SETTINGS));
        held = broadcasts.find(plan.broadcastId()).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        journal.close();
        mail.close();
    }

    /** What EmailToSmsRoute hands over for a reply to the preview from {@code from}. */
    private Exchange answer(String from, String text) throws Exception {
        MimeMessage original = mail.compose();
        original.setFrom(new InternetAddress(from));
        original.setRecipients(Message.RecipientType.TO, TestMail.HUB);
        original.setSubject("Re: " + "Broadcast #" + held.id() + ": 3 recipients - reply YES to send");
        original.setHeader("Message-ID", "<answer-1@switchboard.local>");
        original.setHeader("In-Reply-To", held.previewMessageId());
        original.setText(text, "UTF-8");
        ReplyParse.Reply reply = new ReplyParse.Reply(from, null, List.of(held.previewMessageId()), text,
                "<answer-1@switchboard.local>");
        return template.send(BroadcastConfirmationRoute.ENDPOINT, e -> {
            e.setProperty(EmailToSmsRoute.PREVIEW_ANSWER, new EmailToSmsRoute.PreviewAnswer(held, reply));
            e.setProperty(EmailToSmsRoute.ORIGINAL_MAIL, original);
        });
    }

    private String state() {
        return TestRows.text(db.dataSource(), "SELECT b.status || ' ' || string_agg(o.status, ',' ORDER BY o.id)"
                + " FROM broadcast b JOIN outbound_sms o ON o.broadcast_id = b.id WHERE b.id = ? GROUP BY b.status",
                held.id());
    }

    private List<String> hops() {
        journal.flush();
        return TestRows.hops(db.dataSource(), "broadcast", held.id());
    }

    /** The one answer the hub mailed back to {@code to}, as its text. */
    private String bounceTo(String to) throws Exception {
        List<MimeMessage> mails = mail.mails(to);
        assertEquals(1, mails.size(), "one answer to " + to);
        assertTrue(mails.get(0).getSubject().startsWith("Not sent: Re: Broadcast #1"), mails.get(0).getSubject());
        return String.valueOf(mails.get(0).getContent());
    }

    @Test
    void theRequestersYesReleasesTheHeldSms() throws Exception {
        assertEquals("AWAITING_CONFIRMATION HELD,HELD,HELD", state());

        assertNull(answer(TestMail.STAFF, "Ya, kirim sekarang").getException());
        assertEquals("SENDING PENDING,PENDING,PENDING", state());
        assertEquals(List.of("preview-answered: YES from staff@switchboard.local: released to the modems"), hops());
        assertEquals(List.of(), mail.mails(TestMail.STAFF), "nothing to tell the sender");

        // A second YES (a reply sent twice) changes nothing.
        assertNull(answer(TestMail.STAFF, "YES").getException());
        assertEquals("SENDING PENDING,PENDING,PENDING", state());
        assertEquals("preview-answered: YES from staff@switchboard.local: broadcast was SENDING already, nothing changed",
                hops().get(1));
    }

    @Test
    void theRequestersNoCancelsTheBroadcast() throws Exception {
        assertNull(answer(TestMail.STAFF, "Batalkan saja").getException());
        assertEquals("CANCELLED CANCELLED,CANCELLED,CANCELLED", state());
        assertEquals(List.of("preview-answered: NO from staff@switchboard.local: cancelled"), hops());
    }

    @Test
    void someoneElsesAnswerIsBouncedAndChangesNothing() throws Exception {
        assertNull(answer(TestMail.HELPDESK, "YES").getException());

        assertEquals("AWAITING_CONFIRMATION HELD,HELD,HELD", state());
        String reason = "Only staff@switchboard.local, who asked for broadcast #1, can confirm or cancel it.";
        assertTrue(bounceTo(TestMail.HELPDESK).contains(reason));
        assertEquals(List.of("preview-answered: " + reason, "bounced: "), hops());
    }

    @Test
    void anAnswerThatIsNeitherYesNorNoIsBouncedWithHowToAnswer() throws Exception {
        assertNull(answer(TestMail.STAFF, "Mungkin besok saja?").getException());

        assertEquals("AWAITING_CONFIRMATION HELD,HELD,HELD", state());
        assertTrue(bounceTo(TestMail.STAFF).contains("Reply YES to send broadcast #1, or NO to cancel it. Your answer"
                + " began with \"MUNGKIN\", which is neither, so nothing was done."));
    }

    @Test
    void aYesAfterTheBroadcastWasCancelledTellsTheSenderNothingWasSent() throws Exception {
        // Cancelled meanwhile, e.g. over the API.
        assertTrue(broadcasts.cancel(held.id()));

        assertNull(answer(TestMail.STAFF, "YES").getException());
        assertEquals("CANCELLED CANCELLED,CANCELLED,CANCELLED", state());
        assertTrue(bounceTo(TestMail.STAFF).contains("Broadcast #1 was cancelled before your YES arrived; nothing was"
                + " sent."));
        assertEquals("bounced: ", hops().get(1));
    }
}
