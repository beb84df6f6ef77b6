package org.switchboard.it;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.switchboard.sip.Sipp;
import org.switchboard.sip.SippLoad;

/**
 * Voicemail to email through the whole hub, as issue 5 asks it measured: SIPp tells the hub of new voicemail in
 * {@code N} mailboxes, each with a 1.2 MB recording in the spool; the hub's notification route mails each owner the
 * recording into the embedded GreenMail over SMTP. Prints emails per minute from the first NOTIFY until the last
 * notification was taken by SMTP. Asserts nothing. {@code ./bench voicemail-hub [mails]}.
 */
public final class VoicemailEmailBench {
    private VoicemailEmailBench() {
    }

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String sipp = Sipp.executable();
        Path dir = Files.createTempDirectory("voicemail-email-bench");
        byte[] wav = new byte[1_200_000];
        new Random(1).nextBytes(wav);
        Path recording = Files.write(dir.resolve("recording.wav"), wav);
        Map<String, String> settings = new HashMap<>(Map.of("switchboard.simulator.modems", "1",
                "switchboard.voicemail.spool", dir.resolve("spool").toString(),
                "switchboard.voicemail.poll-millis", "50", "switchboard.smtp.connections", "8"));
        // SippLoad's mailboxes 2000.. in turn: each gets one NOTIFY with new messages, and one recording to send.
        for (int m = 0; m < mails; m++) {
            String box = String.valueOf(2000 + m);
            settings.put("switchboard.voicemail.mailbox." + box, "helpdesk@switchboard.local");
            Path inbox = Files.createDirectories(dir.resolve("spool/default/" + box + "/INBOX"));
            Files.createSymbolicLink(inbox.resolve("msg0000.wav"), recording);
            Files.writeString(inbox.resolve("msg0000.txt"), "[message]\norigmailbox=" + box + "\ncallerid=\"Budi\" <0812"
                    + (3000000 + m) + ">\norigtime=" + (1_795_683_600L + m) + "\nduration=42\n");
        }
        try (InProcessHub hub = InProcessHub.start(dir, settings)) {
            long start = System.nanoTime();
            SippLoad.Result sent = SippLoad.run(sipp, Files.createDirectories(Path.of("target", "sipp-email-bench")),
                    hub.sipPort(), Math.min(1000, mails), mails, Math.max(5, mails / 100));
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> ((Number) hub
                    .query("SELECT count(*) AS n FROM voicemail_notification WHERE status <> 'PENDING'").get(0).get("n"))
                    .intValue() >= mails);
            double seconds = (System.nanoTime() - start) / 1e9;
            Object sentOk = hub.query("SELECT count(*) AS n FROM voicemail_notification WHERE status = 'SENT'").get(0)
                    .get("n");
            System.out.printf("voicemail-hub: %,d NOTIFYs (answered 200: %,d), %,d notification emails with a"
                    + " 1,200,000-byte recording each, mailed by the hub into GreenMail over SMTP: %.1f s, %,.0f emails/min"
                    + " (goal >= 2,520)%n", sent.sent(), sent.ok(), ((Number) sentOk).longValue(), seconds,
                    ((Number) sentOk).longValue() * 60 / seconds);
        }
        System.exit(0);
    }
}
