package org.switchboard.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** WSP push PDUs (WAP-230 8.2.4) and the SI and SL documents inside (WAP-167, WAP-168 token tables). */
public class WapPushTest {

    /** Octets from hex pieces and NUL-terminated strings (a String piece that is not hex is written as UTF-8 + NUL). */
    static byte[] octets(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : pieces) {
            if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else if (((String) p).matches("([0-9A-F]{2})+")) {
                out.writeBytes(HexFormat.of().parseHex((String) p));
            } else {
                out.writeBytes(((String) p).getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /**
     * A Service Indication push: TID 01, Push (06), headers of 3 octets (content type 0xAE application/vnd.wap.sic,
     * X-Wap-Application-Id 0xAF 0x84), then WBXML 1.2, SI 1.0 (05), UTF-8 (6A), no string table: {@code <si>
     * <indication href="http://www.example.com/promo" si-id="id1">Your bill is ready</indication></si>}.
     */
    public static byte[] serviceIndication() {
        return octets("010603AEAF84", "02056A00", "45", "C6", "0D", "03", "example", "85",
                "03", "promo", "11", "03", "id1", "01", "03", "Your bill is ready", "01", "01");
    }

    @Test
    void readsAServiceIndicationsLinkAndText() {
        WapPush push = WapPush.read(serviceIndication()).orElseThrow();
        assertEquals("application/vnd.wap.sic", push.contentType());
        assertEquals("http://www.example.com/promo", push.href());
        assertEquals("Your bill is ready", push.text());
        assertEquals("Your bill is ready http://www.example.com/promo", push.summary());
    }

    @Test
    void readsAServiceLoadingWithTheContentTypeAsText() {
        // content type as a text string; <sl href="https://shop.example.org/x"/> with a string table entry
        byte[] headers = octets("application/vnd.wap.slc");
        byte[] push = octets("4F06", String.format("%02X", headers.length), headers, "02066A", "05", "shop", "85", "0B",
                "83", "00", "88", "03", "x", "01");
        WapPush sl = WapPush.read(push).orElseThrow();
        assertEquals("application/vnd.wap.slc", sl.contentType());
        assertEquals("https://shop.org/x", sl.href());
        assertNull(sl.text());
    }

    @Test
    void anMmsNotificationIsKnownByItsTypeAndNotRead() {
        byte[] mms = HexFormat.of().parseHex("040603BEAF848C82984E4F4B");
        WapPush push = WapPush.read(mms).orElseThrow();
        assertEquals("application/vnd.wap.mms-message", push.contentType());
        assertNull(push.href());
        assertEquals("application/vnd.wap.mms-message", push.summary());
    }

    @Test
    void whatIsNoPushIsNotRead() {
        assertEquals(Optional.empty(), WapPush.read(new byte[0]));
        assertEquals(Optional.empty(), WapPush.read(HexFormat.of().parseHex("0101")));
        assertEquals(Optional.empty(), WapPush.read(HexFormat.of().parseHex("0106FF")));
        // a cut SI still gives what it has, and never throws
        byte[] si = serviceIndication();
        for (int cut = 0; cut < si.length; cut++) {
            WapPush.read(java.util.Arrays.copyOf(si, cut));
        }
        assertTrue(WapPush.read(java.util.Arrays.copyOf(si, 12)).isPresent());
    }

    @Test
    void contentKindsFollowDataAndPort() {
        assertEquals(InboundContent.PLAIN_TEXT, InboundContent.of(null, null, null, null));
        InboundContent flash = InboundContent.of(0, null, null, null);
        assertEquals(InboundContent.TEXT, flash.kind());
        assertTrue(flash.flash());
        assertEquals(InboundContent.DATA, InboundContent.of(1, 5555, 0, new byte[] { 1 }).kind());
        assertEquals(InboundContent.DATA, InboundContent.of(null, null, null, new byte[] { 1 }).kind());
        assertEquals(InboundContent.WAP_PUSH, InboundContent.of(null, 2948, 9200, new byte[] { 1 }).kind());
        assertEquals(InboundContent.TEXT, InboundContent.of(null, 5555, 65000, null).kind(), "text to a port");
    }
}
