package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.it.InProcessHub.WAIT;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.mail.SmsEmail;
import org.switchboard.modem.sim.SimModem;

/**
 * The help desk's SMTP server goes away for a while: SMS keep arriving, are stored and deleted from the SIM, each
 * failed hand-over is journalled with its error, and once SMTP is back every SMS reaches the help-desk mailbox
 * exactly once. The mail server is the test's own GreenMail, not the hub's embedded one, so that the test can stop
 * its SMTP service while IMAP and the mailboxes stay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpOutageTest {
    private static final String HELPDESK = "helpdesk@switchboard.local";

    @TempDir
    static Path dir;
    private OutageMailServer mailServer;
    private InProcessHub hub;
    private MailboxClient mail;

    @BeforeAll
    void start() throws Exception {
        mailServer = new OutageMailServer();
        int smtpPort = mailServer.smtpPort();
        int imapPort = mailServer.imapPort();
        hub = InProcessHub.start(dir, Map.of(
                "switchboard.mail.embedded", "false",
                "switchboard.smtp.port", String.valueOf(smtpPort),
                "switchboard.imap.port", String.valueOf(imapPort),
                "switchboard.outbox.max-backoff-millis", "2000"));
        mail = new MailboxClient(smtpPort, imapPort);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            if (mailServer != null) {
                mailServer.close();
            }
        }
    }

    @Test
    void smsWaitInTheDatabaseWhileSmtpIsDownAndArriveOnceWhenItIsBack() throws Exception {
        SimModem modem = hub.hub().simulator().modem(1);
        modem.inbound("+6281230000001", "Sebelum gangguan");
        await().atMost(WAIT).until(() -> smsIdsInHelpdesk().size() == 1);

        mailServer.stopSmtp();
        List<String> during = List.of("+6281230000002", "+6281230000003", "+6281230000004");
        for (String number : during) {
            modem.inbound(number, "Selama gangguan dari " + number);
        }
        // Stored and off the SIM although nothing can be mailed.
        await().atMost(WAIT).until(() -> hub.hub().simulator().modems().stream().allMatch(m -> m.storedCount() == 0)
                && pending().size() == during.size());
        // Every one of them tried, failed and journalled with the reason.
        await().atMost(WAIT).until(() -> failedHandOvers().keySet().containsAll(pending()));
        Map<Long, String> failures = failedHandOvers();
        for (long id : pending()) {
            assertTrue(failures.get(id).contains("onnect"), "the journal says why: " + failures.get(id));
        }
        assertEquals(1, smsIdsInHelpdesk().size(), "nothing new arrived while SMTP was down");

        // SMTP is back on the same port, delivering into the same mailboxes.
        mailServer.restartSmtp();

        await().atMost(WAIT).until(() -> pending().isEmpty());
        Map<String, Long> perSms = smsIdsInHelpdesk();
        assertEquals(4, perSms.size(), "every SMS arrived: " + perSms);
        perSms.forEach((id, copies) -> assertEquals(1L, copies, "SMS " + id + " arrived once"));
        List<Map<String, Object>> sent = hub.query("SELECT id FROM inbound_sms WHERE email_status = 'SENT'");
        assertEquals(4, sent.size());
        // The journal shows the successful hand-over after the failed ones.
        List<Map<String, Object>> handOvers = hub.journal("inbound_sms").stream()
                .filter(r -> r.get("hop").equals("handed-to-smtp") && r.get("error") == null).toList();
        assertEquals(4, handOvers.size(), handOvers::toString);
    }

    /** Ids of stored SMS not yet e-mailed. */
    private List<Long> pending() throws Exception {
        return hub.query("SELECT id FROM inbound_sms WHERE email_status = 'PENDING' ORDER BY id").stream()
                .map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    /** Per inbound SMS, the error of its last failed hand-over to SMTP. */
    private Map<Long, String> failedHandOvers() throws Exception {
        Map<Long, String> out = new TreeMap<>();
        for (Map<String, Object> r : hub.journal("inbound_sms")) {
            if (r.get("hop").equals("handed-to-smtp") && r.get("error") != null) {
                out.put(((Number) r.get("message_id")).longValue(), (String) r.get("error"));
            }
        }
        return out;
    }

    /** How many mails in the help-desk mailbox carry each SMS id. */
    private Map<String, Long> smsIdsInHelpdesk() throws Exception {
        return mail.inbox(HELPDESK, "helpdesk").stream().map(SmtpOutageTest::smsId)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static String smsId(MimeMessage m) {
        try {
            String[] id = m.getHeader(SmsEmail.SMS_ID_HEADER);
            return id == null ? "(none)" : id[0];
        } catch (Exception e) {
            return "(unreadable)";
        }
    }
}
