package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Encode, decode, compare: every direction, both alphabets, part boundaries and references. */
class PduRoundTripTest {
    private static final OffsetDateTime WHEN = OffsetDateTime.parse("2026-11-22T09:15:30+07:00");
    private static final String EURO = "€";
    private static final String GRIN = "\uD83D\uDE00";

    @Test
    void shortSubmitMatchesTheTextbookEncoding() throws PduException {
        List<EncodedPdu> parts = PduCodec.encodeSubmit(SubmitRequest.of("+46708251358", "hellohello"));
        assertEquals(List.of(new EncodedPdu("0001000B916407281553F800000AE8329BFD4697D9EC37", 22)), parts);
        SmsSubmit s = (SmsSubmit) PduCodec.decode(parts.get(0).hex(), true);
        assertEquals("hellohello", s.userData().text());
        assertEquals(new Address("+46708251358", 0x91), s.destination());
        assertEquals(ValidityPeriod.NONE, s.validityPeriod());
    }

    @Test
    void submitWithSmscAndStatusReport() throws PduException {
        EncodedPdu pdu = single(PduCodec.encodeSubmit(
                new SubmitRequest("081234567890", "Selamat pagi, apa kabar? Sampai jumpa besok.", false, true, 0,
                        "+62816124")));
        assertTrue(pdu.hex().startsWith("059126181642" + "21"), pdu.hex());
        assertEquals(pdu.hex().length() / 2 - 6, pdu.tpduLength());
        SmsSubmit s = (SmsSubmit) PduCodec.decode(pdu.hex(), true);
        assertEquals(new Address("+62816124", 0x91), s.smsc());
        assertEquals(new Address("081234567890", 0x81), s.destination());
        assertTrue(s.statusReportRequested());
        assertEquals(Encoding.GSM7, s.userData().encoding());
        assertEquals("Selamat pagi, apa kabar? Sampai jumpa besok.", s.userData().text());
    }

    @Test
    void deliverWithAlphanumericOriginatorAndNegativeOffset() throws PduException {
        OffsetDateTime t = OffsetDateTime.parse("2025-01-31T23:59:59-03:30");
        EncodedPdu pdu = single(PduCodec.encodeDeliver(
                new DeliverRequest("Telkomsel", "Kuota [50%] ~ {OK} \\ ^ | €", "+62816124", t, 0, false)));
        SmsDeliver d = (SmsDeliver) PduCodec.decode(pdu.hex(), true);
        assertEquals(new Address("Telkomsel", 0xD0), d.originator());
        assertEquals("alphanumeric", d.originator().addressType());
        assertEquals("Kuota [50%] ~ {OK} \\ ^ | €", d.userData().text());
        assertEquals(t, d.timestamp());
        assertEquals(pdu.tpduLength(), d.tpduLength());
        assertFalse(d.moreMessagesToSend());
    }

    @Test
    void alphanumericOriginatorOfElevenCharacters() throws PduException {
        SmsDeliver d = (SmsDeliver) PduCodec.decode(single(PduCodec.encodeDeliver(
                new DeliverRequest("ABCDEFGHIJK", "x", null, WHEN, 0, false))).hex(), true);
        assertEquals("ABCDEFGHIJK", d.originator().value());
        assertThrows(PduException.class, () -> PduCodec.encodeDeliver(
                new DeliverRequest("ABCDEFGHIJKL", "x", null, WHEN, 0, false)));
    }

    @Test
    void statusReport() throws PduException {
        OffsetDateTime done = OffsetDateTime.parse("2026-11-22T09:16:02+07:00");
        EncodedPdu pdu = PduCodec.encodeStatusReport(
                new StatusReportRequest("+62816124", "+628112345678", 77, 0x46, WHEN, done));
        SmsStatusReport r = assertInstanceOf(SmsStatusReport.class, PduCodec.decode(pdu.hex(), true));
        assertEquals(new Address("+628112345678", 0x91), r.recipient());
        assertEquals(77, r.messageRef());
        assertEquals(0x46, r.status());
        assertEquals(WHEN, r.timestamp());
        assertEquals(done, r.dischargeTime());
        assertEquals(new Address("+62816124", 0x91), r.smsc());
    }

    @Test
    void arabicAndIndonesianPickTheirAlphabet() throws PduException {
        String arabic = "مرحبا بالعالم، كيف حالك اليوم؟";
        SmsSubmit a = (SmsSubmit) PduCodec.decode(single(PduCodec.encodeSubmit(SubmitRequest.of("+966501234567",
                arabic))).hex(), true);
        assertEquals(Encoding.UCS2, a.userData().encoding());
        assertEquals(arabic, a.userData().text());
        String indonesian = "Terima kasih atas pesanan Anda. Paket akan dikirim hari Senin.";
        SmsSubmit i = (SmsSubmit) PduCodec.decode(single(PduCodec.encodeSubmit(SubmitRequest.of("+6281234567890",
                indonesian))).hex(), true);
        assertEquals(Encoding.GSM7, i.userData().encoding());
        assertEquals(indonesian, i.userData().text());
    }

    @Test
    void forceUcs2() throws PduException {
        SmsSubmit s = (SmsSubmit) PduCodec.decode(single(PduCodec.encodeSubmit(
                new SubmitRequest("+6281", "plain", true, false, 0, null))).hex(), true);
        assertEquals(Encoding.UCS2, s.userData().encoding());
        assertEquals("plain", s.userData().text());
    }

    @Test
    void gsm7SingleAndPartLimits() throws PduException {
        assertEquals(1, submit("a".repeat(160), 0).size());
        assertEquals(1, submit("€".repeat(80), 0).size());
        List<UserData> two = submit("a".repeat(161), 9);
        assertEquals(List.of(153, 8), lengths(two));
        assertEquals(List.of(160, 7 + 8), udls(two));
        assertEquals(List.of(152, 9), lengths(submit("a".repeat(161), 300)));
        assertEquals(List.of(153, 153, 1), lengths(submit("b".repeat(307), 1)));
    }

    @Test
    void gsm7EscapeIsNeverCutAtAPartBoundary() throws PduException {
        String text = "a".repeat(152) + EURO + "b".repeat(20) + "[" + "c".repeat(150);
        List<UserData> parts = submit(text, 5);
        assertEquals(152, parts.get(0).text().length(), "the euro does not fit in septet 153");
        assertEquals(EURO, parts.get(1).text().substring(0, 1));
        assertEquals(text, join(parts));
        for (UserData p : parts) {
            assertTrue(p.length() <= 160);
        }
    }

    @Test
    void ucs2SingleAndPartLimits() throws PduException {
        assertEquals(1, submit("ع".repeat(70), 0).size());
        assertEquals(List.of(67, 4), lengths(submit("ع".repeat(71), 3)));
        assertEquals(List.of(66, 5), lengths(submit("ع".repeat(71), 4000)));
    }

    @Test
    void surrogatePairIsNeverCutAtAPartBoundary() throws PduException {
        String text = "x".repeat(66) + GRIN + "y".repeat(10) + GRIN.repeat(40);
        List<UserData> parts = submit(text, 8);
        assertEquals(66, parts.get(0).text().length());
        assertEquals(GRIN, parts.get(1).text().substring(0, 2));
        for (UserData p : parts) {
            String t = p.text();
            assertFalse(Character.isHighSurrogate(t.charAt(t.length() - 1)), "part ends inside a pair");
            assertFalse(Character.isLowSurrogate(t.charAt(0)), "part starts inside a pair");
        }
        assertEquals(text, join(parts));
    }

    @Test
    void sixteenBitReferenceOnDeliver() throws PduException {
        String text = "Bagian pertama dan kedua dan ketiga. ".repeat(8);
        List<EncodedPdu> pdus = PduCodec.encodeDeliver(new DeliverRequest("+6281234567890", text, null, WHEN, 0xBEEF,
                false));
        List<UserData> parts = new ArrayList<>();
        for (EncodedPdu pdu : pdus) {
            SmsDeliver d = (SmsDeliver) PduCodec.decode(pdu.hex(), true);
            assertEquals(WHEN, d.timestamp());
            assertEquals(0xBEEF, d.userData().concat().ref());
            assertEquals(16, d.userData().concat().refBits());
            parts.add(d.userData());
        }
        assertEquals(pdus.size(), parts.get(0).concat().total());
        assertEquals(text, join(parts));
    }

    @Test
    void everyPartIsUpperCaseHexWithAnSmscFieldAndItsTpduLength() throws PduException {
        for (EncodedPdu pdu : PduCodec.encodeSubmit(new SubmitRequest("+6281", "ü".repeat(500), false, false, 1,
                "+62816124"))) {
            assertTrue(pdu.hex().matches("[0-9A-F]+"), pdu.hex());
            int smscField = Integer.parseInt(pdu.hex().substring(0, 2), 16) + 1;
            assertEquals(pdu.hex().length() / 2 - smscField, pdu.tpduLength());
            assertTrue(pdu.tpduLength() <= 164);
        }
    }

    @Test
    void emptyText() throws PduException {
        SmsSubmit s = (SmsSubmit) PduCodec.decode(single(PduCodec.encodeSubmit(SubmitRequest.of("+6281", "")))
                .hex(), true);
        assertEquals("", s.userData().text());
        assertNull(s.userData().concat());
    }

    @Test
    void badRequestsAreRefusedWithPduException() {
        assertThrows(PduException.class, () -> PduCodec.encodeSubmit(SubmitRequest.of("+62-81", "x")));
        assertThrows(PduException.class, () -> PduCodec.encodeSubmit(SubmitRequest.of("Telkomsel", "x")));
        assertThrows(PduException.class, () -> PduCodec.encodeSubmit(SubmitRequest.of("", "x")));
        assertThrows(PduException.class, () -> PduCodec.encodeSubmit(SubmitRequest.of("+6281", null)));
        assertThrows(PduException.class, () -> PduCodec.encodeSubmit(
                new SubmitRequest("+6281", "a".repeat(161), false, false, 70000, null)));
        assertThrows(PduException.class, () -> PduCodec.encodeSubmit(SubmitRequest.of("+6281", "a".repeat(40000))));
        assertThrows(PduException.class, () -> PduCodec.encodeDeliver(
                new DeliverRequest("+6281", "x", null, null, 0, false)));
        assertThrows(PduException.class, () -> PduCodec.encodeStatusReport(
                new StatusReportRequest(null, "+6281", 256, 0, WHEN, WHEN)));
    }

    /** Random texts over a mix of alphabets: whatever is encoded decodes back to the same text. */
    @Test
    void randomTextsSurviveTheRoundTrip() throws PduException {
        Random random = new Random(20_240_611L);
        String pool = "abcXYZ 019@£$¥èéΔ_ΦΓ€[]{}~^|\\\nçñßÆ" + "عربيةбукваसिंह漢字" + GRIN + "\uD83C\uDDEE\uD83C\uDDE9";
        for (int n = 0; n < 1_500; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            while (text.length() < length) {
                int at = random.nextInt(pool.length());
                char c = pool.charAt(at);
                if (Character.isHighSurrogate(c)) {
                    text.append(c).append(pool.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    text.append(c);
                }
            }
            String t = text.toString();
            int ref = random.nextInt(1 << 16);
            List<UserData> parts = submit(t, ref);
            assertEquals(t, join(parts), "ref " + ref);
        }
    }

    private static List<UserData> submit(String text, int ref) throws PduException {
        List<UserData> parts = new ArrayList<>();
        List<EncodedPdu> pdus = PduCodec.encodeSubmit(new SubmitRequest("+6281234567890", text, false, false, ref,
                null));
        for (int i = 0; i < pdus.size(); i++) {
            UserData ud = ((SmsSubmit) PduCodec.decode(pdus.get(i).hex(), true)).userData();
            if (pdus.size() > 1) {
                assertEquals(new Concat(ref, i + 1, pdus.size(), ref > 255 ? 16 : 8), ud.concat());
            } else {
                assertNull(ud.concat());
            }
            parts.add(ud);
        }
        return parts;
    }

    private static List<Integer> lengths(List<UserData> parts) {
        return parts.stream().map(p -> p.text().length()).toList();
    }

    private static List<Integer> udls(List<UserData> parts) {
        return parts.stream().map(UserData::length).toList();
    }

    private static String join(List<UserData> parts) {
        StringBuilder all = new StringBuilder();
        parts.forEach(p -> all.append(p.text()));
        return all.toString();
    }

    private static EncodedPdu single(List<EncodedPdu> parts) {
        assertEquals(1, parts.size());
        return parts.get(0);
    }
}
