package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.switchboard.channel.InboundContent;
import org.switchboard.channel.WapPushTest;

/** The help desk's email says what an SMS is: flash, binary data with its ports, a WAP push with its link. */
class SmsEmailKindsTest {
    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-11-22T02:15:00Z");
    private final SmsEmail renderer = new SmsEmail();

    private String[] rendered(String text, InboundContent content) throws Exception {
        MimeMessage m = Mails.roundTrip(renderer.render(Mails.SESSION, new SmsForEmail(9, "+6281234567890", null,
                text, RECEIVED, "gsm1", 1, false, null, null, null, content, null), Mails.SETTINGS));
        return new String[] { m.getSubject(), ((String) m.getContent()).replace("\r\n", "\n") };
    }

    @Test
    void aFlashSmsIsItsTextMarkedFlash() throws Exception {
        String[] mail = rendered("Kode OTP 123456", InboundContent.of(0, null, null, null));
        assertEquals("Flash SMS from +6281234567890", mail[0]);
        assertTrue(mail[1].startsWith("Kode OTP 123456\n\nThis was a flash SMS (class 0)"), mail[1]);
    }

    @Test
    void binaryDataIsShownInHexWithItsPorts() throws Exception {
        byte[] data = new byte[20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (0xF0 + i);
        }
        String[] mail = rendered("", InboundContent.of(1, 5555, 65000, data));
        assertEquals("Data SMS from +6281234567890", mail[0]);
        assertTrue(mail[1].startsWith("Binary data (8-bit), 20 octets to application port 5555 (from port 65000).\n"
                + "The octets, in hex:\nF0 F1 F2 F3 F4 F5 F6 F7 F8 F9 FA FB FC FD FE FF\n00 01 02 03\n"), mail[1]);
    }

    @Test
    void aWapPushShowsTheLinkItCarries() throws Exception {
        byte[] si = WapPushTest.serviceIndication();
        String[] mail = rendered("Your bill is ready http://www.example.com/promo",
                InboundContent.of(null, 2948, 9200, si));
        assertEquals("WAP push from +6281234567890", mail[0]);
        assertTrue(mail[1].startsWith("A WAP push (application/vnd.wap.sic), " + si.length
                + " octets to application port 2948 (from port 9200).\nText: Your bill is ready\n"
                + "Link: http://www.example.com/promo\nThe octets, in hex:\n01 06 03 AE AF 84"), mail[1]);
    }

    @Test
    void textToAPortSaysWhichPort() throws Exception {
        String[] mail = rendered("2 HELLOHELLO", InboundContent.of(null, 5555, 65000, null));
        assertEquals("SMS from +6281234567890", mail[0]);
        assertTrue(mail[1].startsWith("2 HELLOHELLO\n\nIt was addressed to application port 5555 (from port 65000).\n"),
                mail[1]);
    }
}
