package org.switchboard.channel.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.smpp.ShortMessage;
import org.switchboard.smpp.ShortMessageReader;
import org.switchboard.smpp.SmppRefusal;

/** What the hub submits, read back by the hub's own SMPP server reader: each form and coding round-trips. */
class SubmitEncoderTest {

    private static String readBack(List<PartPdu> pdus) throws SmppRefusal {
        StringBuilder text = new StringBuilder();
        for (PartPdu p : pdus) {
            text.append(ShortMessageReader.read(new ShortMessage(p.dataCoding(), p.esmClass(), p.shortMessage(),
                    p.messagePayload(), p.sarRef(), p.sarTotal(), p.sarSeq())).text());
        }
        return text.toString();
    }

    @Test
    void aShortTextIsOnePduInTheSmallestCoding() {
        SubmitEncoder e = new SubmitEncoder(LongForm.UDH, true);
        PartPdu gsm = e.pdus("Hello {world} €", 1).get(0);
        assertEquals(0, gsm.dataCoding());
        assertEquals(0, gsm.esmClass());
        assertEquals(18, gsm.shortMessage().length, "15 characters, { } and € escaped: two octets each");
        assertEquals(0, e.pdus("café ñ Ç à", 1).get(0).dataCoding(), "all in the GSM alphabet");
        assertEquals(3, e.pdus("Ærø ø ðþ", 1).get(0).dataCoding(), "Latin-1 where GSM lacks ð and þ");
        assertEquals(8, new SubmitEncoder(LongForm.UDH, false).pdus("Ærø ø ðþ", 1).get(0).dataCoding());
        assertEquals(8, e.pdus("Привет", 1).get(0).dataCoding());
        assertEquals(1, e.parts("x".repeat(160)));
        assertEquals(2, e.parts("x".repeat(161)));
        assertEquals(1, e.parts("Ж".repeat(70)));
        assertEquals(2, e.parts("Ж".repeat(71)));
    }

    @Test
    void aLongTextGoesInUdhPartsThatReadBackWhole() throws SmppRefusal {
        SubmitEncoder e = new SubmitEncoder(LongForm.UDH, false);
        String text = "Reminder: " + "x".repeat(152) + "€" + "y".repeat(200);
        List<PartPdu> pdus = e.pdus(text, 0x1A7);
        assertEquals(3, pdus.size());
        PartPdu first = pdus.get(0);
        assertEquals(ShortMessage.UDHI, first.esmClass());
        assertArrayEquals(new byte[] { 5, 0, 3, (byte) 0xA7, 3, 1 }, java.util.Arrays.copyOf(first.shortMessage(), 6));
        // the escape before '€' falls at septet 162: the first part ends at 153, whole
        assertEquals(text, readBack(pdus));
        assertEquals(3, e.parts(text));
    }

    @Test
    void ucs2PartsNeverCutASurrogatePair() throws SmppRefusal {
        SubmitEncoder e = new SubmitEncoder(LongForm.SAR, false);
        String text = "a" + "😀".repeat(70);
        List<PartPdu> pdus = e.pdus(text, 5);
        for (PartPdu p : pdus) {
            assertEquals(8, p.dataCoding());
            assertEquals(0, p.esmClass());
            assertEquals(5, p.sarRef());
            assertEquals(pdus.size(), p.sarTotal());
            char last = new String(p.shortMessage(), StandardCharsets.UTF_16BE).charAt(p.shortMessage().length / 2 - 1);
            assertEquals(false, Character.isHighSurrogate(last));
        }
        assertEquals(text, readBack(pdus));
    }

    @Test
    void payloadCarriesTheWholeTextInOnePdu() throws SmppRefusal {
        SubmitEncoder e = new SubmitEncoder(LongForm.PAYLOAD, false);
        String text = "z".repeat(500);
        List<PartPdu> pdus = e.pdus(text, 1);
        assertEquals(1, pdus.size());
        assertEquals(0, pdus.get(0).shortMessage().length);
        assertNull(pdus.get(0).sarRef());
        assertEquals(text, readBack(pdus));
        assertEquals(4, e.parts(text), "the network still sends it in parts");
    }

    @Test
    void moreThan255PartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SubmitEncoder(LongForm.UDH, false)
                .pdus("x".repeat(153 * 256), 1));
    }
}
