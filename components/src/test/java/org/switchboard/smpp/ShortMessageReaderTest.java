package org.switchboard.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class ShortMessageReaderTest {

    private static byte[] concat(byte[] header, byte[] text) {
        byte[] out = new byte[header.length + text.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(text, 0, out, header.length, text.length);
        return out;
    }

    @Test
    void readsEachTextCodingApplicationsSend() throws SmppRefusal {
        // data_coding 0: GSM 7-bit unpacked, '€' escaped as Kannel and node-smpp send it
        assertEquals("Pay 5€", ShortMessageReader.read(ShortMessage.of(0, new byte[] { 'P', 'a', 'y', ' ', '5', 0x1B,
            0x65 })).text());
        assertEquals("plain", ShortMessageReader.read(ShortMessage.of(1, "plain".getBytes(StandardCharsets.US_ASCII)))
                .text());
        assertEquals("café", ShortMessageReader.read(ShortMessage.of(3, "café".getBytes(StandardCharsets.ISO_8859_1)))
                .text());
        assertEquals("Привет 😀", ShortMessageReader.read(ShortMessage.of(8,
                "Привет 😀".getBytes(StandardCharsets.UTF_16BE))).text());
        assertEquals("Шалом", ShortMessageReader.read(ShortMessage.of(6,
                "Шалом".getBytes(java.nio.charset.Charset.forName("ISO-8859-5")))).text());
        // a message class coding, GSM 7-bit (0xF0: class 0, flash)
        assertEquals("flash", ShortMessageReader.read(ShortMessage.of(0xF0, "flash".getBytes(StandardCharsets.US_ASCII)))
                .text());
    }

    @Test
    void ia5TextThatIsReallyGsmIsReadAsGsm() throws SmppRefusal {
        // node-smpp sends "a_b@c" GSM-encoded (0x11 is '_', 0x00 '@') with data_coding 0x01
        assertEquals("a_b@c", ShortMessageReader.read(ShortMessage.of(1, new byte[] { 'a', 0x11, 'b', 0x00, 'c' }))
                .text());
        assertEquals("a_b@c\n", ShortMessageReader.read(ShortMessage.of(1, "a_b@c\n".getBytes(
                StandardCharsets.US_ASCII))).text());
    }

    @Test
    void binaryDataAndUnknownCodingsAreRefusedWithSubmitFailed() {
        SmppRefusal binary = assertThrows(SmppRefusal.class, () -> ShortMessageReader.read(ShortMessage.of(4,
                new byte[] { 1, 2 })));
        assertEquals(SMPPConstant.STAT_ESME_RSUBMITFAIL, binary.status());
        assertEquals(SMPPConstant.STAT_ESME_RSUBMITFAIL, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(ShortMessage.of(0xF4, new byte[] { 1 }))).status());
        assertEquals(SMPPConstant.STAT_ESME_RSUBMITFAIL, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(ShortMessage.of(0x0B, new byte[] { 1 }))).status());
        assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(ShortMessage.of(8, new byte[] { 0, 'a', 0 }))).status());
    }

    @Test
    void aUdhWithAnEightOrSixteenBitReferenceSaysWhichPartAndIsNotText() throws SmppRefusal {
        byte[] udh8 = { 5, 0x00, 3, (byte) 0xA7, 3, 2 };
        SubmitText t = ShortMessageReader.read(new ShortMessage(0, ShortMessage.UDHI, concat(udh8, "middle".getBytes(
                StandardCharsets.US_ASCII)), null, null, null, null));
        assertEquals("middle", t.text());
        assertEquals(new SubmitPart(0xA7, 3, 2), t.part());
        byte[] udh16 = { 6, 0x08, 4, 0x01, 0x02, 2, 1 };
        SubmitText u = ShortMessageReader.read(new ShortMessage(8, ShortMessage.UDHI, concat(udh16, "Ж".getBytes(
                StandardCharsets.UTF_16BE)), null, null, null, null));
        assertEquals("Ж", u.text());
        assertEquals(new SubmitPart(0x0102, 2, 1), u.part());
        // other elements (a port address here) are skipped; a "1 of 1" is a whole message
        byte[] ports = { 11, 0x05, 4, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0, 0x00, 3, 1, 1, 1 };
        SubmitText v = ShortMessageReader.read(new ShortMessage(0, ShortMessage.UDHI, concat(ports, new byte[] { 'x' }),
                null, null, null, null));
        assertNull(v.part());
        assertEquals("x", v.text());
    }

    @Test
    void aBrokenUdhIsRefusedAsAnInvalidLength() {
        assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(new ShortMessage(0, ShortMessage.UDHI, new byte[] { 9, 0, 3 }, null, null,
                        null, null))).status());
        assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(new ShortMessage(0, ShortMessage.UDHI, new byte[] { 3, 0, 5, 1, 'x' },
                        null, null, null, null))).status());
        assertEquals(SMPPConstant.STAT_ESME_RINVTLVVAL, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(new ShortMessage(0, ShortMessage.UDHI, new byte[] { 5, 0, 3, 1, 2, 3,
                    'x' }, null, null, null, null))).status());
    }

    @Test
    void sarParametersSayWhichPartAndMustComeTogether() throws SmppRefusal {
        SubmitText t = ShortMessageReader.read(new ShortMessage(0, 0, "end".getBytes(StandardCharsets.US_ASCII), null,
                513, 2, 2));
        assertEquals(new SubmitPart(513, 2, 2), t.part());
        assertEquals(SMPPConstant.STAT_ESME_RMISSINGTLV, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(new ShortMessage(0, 0, new byte[] { 'x' }, null, 1, 2, null))).status());
    }

    @Test
    void aWholeLongTextComesInMessagePayloadWithAnEmptyShortMessage() throws SmppRefusal {
        String longText = "x".repeat(400);
        assertEquals(longText, ShortMessageReader.read(new ShortMessage(0, 0, new byte[0],
                longText.getBytes(StandardCharsets.US_ASCII), null, null, null)).text());
        assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(new ShortMessage(0, 0, new byte[] { 'a' }, new byte[] { 'b' }, null, null,
                        null))).status());
        assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, assertThrows(SmppRefusal.class,
                () -> ShortMessageReader.read(ShortMessage.of(0, new byte[0]))).status());
    }
}
