package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.sip.Sipp;

/**
 * The hub subscribing to a mailbox itself (switchboard.sip.subscribe), against SIPp playing Asterisk: its SUBSCRIBE is
 * challenged and answered with the hub's own PBX account, and a NOTIFY in the subscription's dialog tells mailbox
 * 1001's owner by email, as an unsolicited one would, with a journal row saying it came through the subscription.
 */
class VoicemailSubscriptionTest {
    private static final String HELPDESK = "helpdesk@switchboard.local";

    @TempDir
    Path dir;

    @Test
    void aNotifyInTheHubsOwnSubscriptionTellsTheMailboxOwner() throws Exception {
        Sipp.executable(); // skips (or, on CI, fails) at once without SIPp
        int pbxPort = Sipp.freePort();
        // The account differs from the mailbox, as with an Asterisk peer named after the hub.
        try (InProcessHub hub = InProcessHub.start(dir, Map.of(
                "switchboard.sip.subscribe", "1001@127.0.0.1:" + pbxPort,
                "switchboard.sip.username", "switchboard",
                "switchboard.sip.password", "pbx-secret",
                "switchboard.voicemail.spool", Files.createDirectories(dir.resolve("spool")).toString()))) {
            // Started after the hub: its first SUBSCRIBE may find nobody yet, and is retransmitted.
            Process pbx = Sipp.start("vm-subscribe", "hub_subscribe_401.xml", "-m", "1", "-t", "u1", "-i", "127.0.0.1",
                    "-p", Integer.toString(pbxPort));
            try {
                await().atMost(InProcessHub.WAIT).until(() -> !pbx.isAlive());
                assertEquals(0, pbx.exitValue(),
                        "SIPp saw the challenge answered and its NOTIFY taken; see target/sipp/vm-subscribe.log");
            } finally {
                pbx.destroy();
            }

            MailboxClient mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(),
                    hub.hub().embeddedMail().imapPort());
            InProcessHub.awaitMail(mail, HELPDESK, "helpdesk",
                    m -> InProcessHub.subjectOf(m).equals("2 new voicemails in mailbox 1001 (8 old)"));

            await().atMost(InProcessHub.WAIT).until(() -> hub.journal("voicemail_notify").stream()
                    .anyMatch(r -> r.get("hop").equals("notify-stored")));
            List<String> stored = hub.journal("voicemail_notify").stream()
                    .filter(r -> r.get("hop").equals("notify-stored")).map(r -> String.valueOf(r.get("detail"))).toList();
            assertEquals(1, stored.size(), stored.toString());
            assertTrue(stored.get(0).startsWith("mailbox 1001 ") && stored.get(0).contains("(subscription)"),
                    stored.get(0));
            assertEquals(List.of("1001"), hub.query("SELECT mailbox FROM voicemail_notify").stream()
                    .map(r -> r.get("mailbox")).toList());
        }
    }
}
