package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.it.InProcessHub.WAIT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.channel.modem.GsmParts;
import org.switchboard.mail.SmsEmail;
import org.switchboard.modem.pdu.DeliverRequest;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;

/**
 * Through the simulated modem and the whole hub: a flash SMS, 8-bit data to an application port and a WAP push each
 * land stored with what they are and reach the help desk saying so; and a Turkish text goes out in the national
 * tables the channel allows, in fewer parts than UCS2, with the channel's validity period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundKindsTest {
    private static final String HELPDESK = "helpdesk@switchboard.local";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** An SMSC time stamp: 2026-05-04 08:00:00 +07:00. */
    private static final String SCTS = "62504080000082";
    /**
     * A WSP push of a Service Indication (WAP-167 in WBXML): {@code <si><indication href="http://www.example.com/promo"
     * si-id="id1">Your bill is ready</indication></si>}.
     */
    private static final String SI = "010603AEAF8402056A0045C60D036578616D706C6500850370726F6D6F001103696431000103"
            + "596F75722062696C6C206973207265616479000101";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private MailboxClient mail;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of("switchboard.channel.modems.national-languages", "tr",
                "switchboard.channel.modems.validity-minutes", "1440"));
        mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(), hub.hub().embeddedMail().imapPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private SimModem modem() {
        return hub.hub().simulator().modem(1);
    }

    /** SMS-DELIVER with UDHI, from {@code from}, DCS {@code dcs}, a UDH and 8-bit user data; no SMSC field. */
    private static String deliver8Bit(String from, int dcs, String udh, String data) {
        String digits = from.substring(1);
        StringBuilder oa = new StringBuilder(String.format("%02X91", digits.length()));
        String padded = digits.length() % 2 == 0 ? digits : digits + "F";
        for (int i = 0; i < padded.length(); i += 2) {
            oa.append(padded.charAt(i + 1)).append(padded.charAt(i));
        }
        int udl = udh.length() / 2 + 1 + data.length() / 2;
        return "00" + "44" + oa + "00" + String.format("%02X", dcs) + SCTS + String.format("%02X%02X", udl,
                udh.length() / 2) + udh + data;
    }

    private List<Map<String, Object>> row(String number) throws Exception {
        return hub.query("SELECT kind, message_class, dest_port, src_port, data, text FROM inbound_sms"
                + " WHERE originator = ?", number);
    }

    @Test
    void aFlashSmsIsStoredAsTextOfClassZeroAndMailedMarkedFlash() throws Exception {
        String number = "+6281250000001";
        String hex = PduCodec.encodeDeliver(new DeliverRequest(number, "Kode OTP 482913", null,
                java.time.OffsetDateTime.now().withNano(0), 0, false)).get(0).hex();
        // TP-DCS 0x10: GSM 7-bit, message class 0 (after the empty SMSC field, first octet, address and TP-PID)
        int dcs = 1 + 1 + 2 + (number.length() - 1 + 1) / 2 + 1;
        assertEquals("00", hex.substring(dcs * 2, dcs * 2 + 2));
        modem().storeRawPdu(hex.substring(0, dcs * 2) + "10" + hex.substring(dcs * 2 + 2));

        MimeMessage email = awaitMailFrom(number);
        assertEquals("Flash SMS from " + number, email.getSubject());
        assertTrue(bodyOf(email).startsWith("Kode OTP 482913\n\nThis was a flash SMS (class 0)"), bodyOf(email));
        Map<String, Object> r = row(number).get(0);
        assertEquals("text", r.get("kind"));
        assertEquals(0, ((Number) r.get("message_class")).intValue());
        assertNull(r.get("data"));
        await().atMost(WAIT).until(() -> modem().storedCount() == 0);
    }

    @Test
    void eightBitDataToAPortIsStoredWithItsBytesAndPorts() throws Exception {
        String number = "+6281250000002";
        // UDH: 16-bit application ports (IEI 05), destination 5555, originator 65000
        modem().storeRawPdu(deliver8Bit(number, 0x04, "050415B3FDE8", "DEADBEEF0102"));

        MimeMessage email = awaitMailFrom(number);
        assertEquals("Data SMS from " + number, email.getSubject());
        assertTrue(bodyOf(email).startsWith("Binary data (8-bit), 6 octets to application port 5555 (from port 65000)."
                + "\nThe octets, in hex:\nDE AD BE EF 01 02\n"), bodyOf(email));
        Map<String, Object> r = row(number).get(0);
        assertEquals("data", r.get("kind"));
        assertNull(r.get("message_class"));
        assertEquals(5555, ((Number) r.get("dest_port")).intValue());
        assertEquals(65000, ((Number) r.get("src_port")).intValue());
        assertArrayEquals(HEX.parseHex("DEADBEEF0102"), (byte[]) r.get("data"));
        assertEquals("", r.get("text"));
    }

    @Test
    void aWapPushIsStoredAsSuchAndMailedWithItsLink() throws Exception {
        String number = "+6281250000003";
        // DCS 0xF5: 8-bit data, class 1, as WAP pushes come; ports 2948 (WAP push) from 9200
        modem().storeRawPdu(deliver8Bit(number, 0xF5, "05040B8423F0", SI));

        MimeMessage email = awaitMailFrom(number);
        assertEquals("WAP push from " + number, email.getSubject());
        String body = bodyOf(email);
        assertTrue(body.contains("Text: Your bill is ready\nLink: http://www.example.com/promo\n"), body);
        Map<String, Object> r = row(number).get(0);
        assertEquals("wap-push", r.get("kind"));
        assertEquals(1, ((Number) r.get("message_class")).intValue());
        assertEquals(2948, ((Number) r.get("dest_port")).intValue());
        assertArrayEquals(HEX.parseHex(SI), (byte[]) r.get("data"));
        assertEquals("Your bill is ready http://www.example.com/promo", r.get("text"));
    }

    @Test
    void aTurkishTextGoesInTheNationalTablesInFewerParts() throws Exception {
        String to = "+905321234567";
        String text = "Sayın müşterimiz, ödemeniz alınmıştır. Ağustos ayı faturanız için teşekkür ederiz. "
                + "İyi günler dileriz, şikayetleriniz için bizi arayınız lütfen: 444 0 444. Kampanya ayrıntıları"
                + " için web sitemizi ziyaret ediniz.";
        assertEquals(4, new GsmParts().parts(to, text), "UCS2, as without the Turkish tables");
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        JsonNode answer = api.call("POST", "/api/sms", "{\"to\": \"" + to + "\", \"text\": \"" + text + "\"}", 202);
        assertEquals(2, answer.get("accepted").get(0).get("parts").asInt(), "the hub counts what is sent: " + answer);

        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals(to)));
        DeliveredSms sent = hub.delivered().stream().filter(d -> d.to().equals(to)).findFirst().orElseThrow();
        assertEquals(text, sent.text(), "decoded through the Turkish locking shift table");
        assertEquals(2, sent.parts());
        assertEquals(Duration.ofDays(1), sent.validity(), "the channel's validity-minutes as TP-VP");
        await().atMost(WAIT).until(() -> hub.query("SELECT parts FROM outbound_sms WHERE recipient = ? AND status"
                + " = 'SENT'", to).size() == 1);
        assertEquals(2, ((Number) hub.query("SELECT parts FROM outbound_sms WHERE recipient = ?", to).get(0)
                .get("parts")).intValue());
    }

    private MimeMessage awaitMailFrom(String number) {
        return InProcessHub.awaitMail(mail, HELPDESK, "helpdesk", m -> number.equals(numberOf(m)));
    }

    private static String bodyOf(MimeMessage m) throws Exception {
        return ((String) m.getContent()).replace("\r\n", "\n");
    }

    private static String numberOf(MimeMessage m) {
        try {
            String[] number = m.getHeader(SmsEmail.NUMBER_HEADER);
            return number == null ? null : number[0];
        } catch (Exception e) {
            return null;
        }
    }
}
