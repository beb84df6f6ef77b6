package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The national language shift tables of 23.038 Annex A: each table's characters through pack and unpack, each
 * language through the codec (the UDH elements it writes, the parts it saves), and entries pinned against the
 * specification's tables as other implementations also carry them (Android's GsmAlphabet, smslib).
 */
class NationalTablesTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Every character a table holds, each once, the escape left out. */
    private static String characters(String table) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            char c = table.charAt(i);
            if (c != 0 && i != Gsm7.ESCAPE && out.indexOf(String.valueOf(c)) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String roundTrip(String text, Gsm7.Tables tables) {
        int septets = tables.septets(text, 0, text.length());
        assertTrue(septets >= 0, "encodable in " + tables + ": " + text);
        byte[] out = new byte[(septets * 7 + 7) / 8 + 1];
        assertEquals(septets, Gsm7.pack(text, 0, text.length(), out, 0, 0, tables));
        StringBuilder back = new StringBuilder();
        Gsm7.unpack(out, 0, 0, septets, tables, back);
        return back.toString();
    }

    @ParameterizedTest
    @EnumSource(NationalLanguage.class)
    void everyCharacterOfTheLockingShiftTableRoundTrips(NationalLanguage language) {
        String table = NationalTables.locking(language.id());
        if (!language.hasLockingShift()) {
            assertNull(table, "23.038 defines no Spanish locking shift table");
            return;
        }
        Gsm7.Tables tables = Gsm7.Tables.of(language.id(), 0);
        String chars = characters(table);
        assertEquals(chars, roundTrip(chars, tables));
        for (int i = 0; i < 128; i++) {
            char c = table.charAt(i);
            if (c != 0 && i != Gsm7.ESCAPE) {
                assertEquals(c, table.charAt(tables.code(c)), "septet of " + c + " in " + language);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NationalLanguage.class)
    void everyCharacterOfTheSingleShiftTableRoundTrips(NationalLanguage language) {
        String table = NationalTables.single(language.id());
        assertNotNull(table);
        Gsm7.Tables tables = Gsm7.Tables.of(0, language.id());
        String chars = characters(table);
        assertEquals(chars, roundTrip(chars, tables));
        for (int i = 0; i < 128; i++) {
            char c = table.charAt(i);
            int code = tables.code(c);
            if (c != 0 && code >= 0x100) {
                assertEquals(c, table.charAt(code & 0x7F), "escaped septet of " + c + " in " + language);
            }
        }
        // with its own locking shift table too (where there is one)
        String locking = language.hasLockingShift() ? NationalTables.locking(language.id()) : "";
        String all = characters(locking + table);
        assertEquals(all, roundTrip(all, Gsm7.Tables.of(language.id(), language.id())));
    }

    /** Characters of the language the default alphabet lacks, from both its tables. */
    private static String own(NationalLanguage language) {
        String locking = NationalTables.locking(language.id());
        StringBuilder out = new StringBuilder();
        for (char c : characters((locking == null ? "" : locking) + NationalTables.single(language.id())).toCharArray()) {
            if (Gsm7.code(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(NationalLanguage.class)
    void eachLanguageGoesThroughTheCodecWithItsTablesWhenThatSavesParts(NationalLanguage language)
            throws PduException {
        String own = own(language);
        // long enough that UCS2 needs two parts (over 70), short enough for one part in 7-bit
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100; i++) {
            text.append(own.charAt(i % own.length())).append("abcd");
        }
        SubmitRequest request = SubmitRequest.of("+905321234567", text.toString());
        assertEquals(2, PduCodec.encodeSubmit(request).size(), "UCS2 without the tables");
        List<EncodedPdu> parts = PduCodec.encodeSubmit(request.withLanguages(EnumSet.of(language)));
        assertTrue(parts.size() < 2, language + " takes " + parts.size() + " parts");
        SmsSubmit s = (SmsSubmit) PduCodec.decode(parts.get(0).hex(), true);
        assertEquals(Encoding.GSM7, s.userData().encoding());
        assertEquals(text.toString(), s.userData().text());
        String header = HEX.formatHex(s.userData().header());
        assertTrue(header.contains(String.format("2401%02X", language.id()))
                || header.contains(String.format("2501%02X", language.id())), header);
    }

    @Test
    void turkishTakesFewerPartsAndWritesTheLockingShiftElement() throws PduException {
        String text = "Sayın müşterimiz, ödemeniz alınmıştır. Ağustos ayı faturanız için teşekkür ederiz. "
                + "İyi günler dileriz, şikayetleriniz için bizi arayınız lütfen: 444 0 444.";
        assertEquals(155, text.length(), "exactly what one part holds beside a locking shift element");
        SubmitRequest one = new SubmitRequest("+905321234567", text, false, false, 42, null);
        assertEquals(3, PduCodec.encodeSubmit(one).size(), "UCS2: 67 characters a part");
        SmsSubmit whole = (SmsSubmit) PduCodec.decode(single(one.withLanguages(NationalLanguage.parse("tr"))).hex(),
                true);
        assertArrayEquals(HEX.parseHex("250101"), whole.userData().header());
        assertEquals(160, whole.userData().length(), "5 septets of UDH and 155 of text");
        assertEquals(text, whole.userData().text());
        assertEquals(2, PduCodec.encodeSubmit(new SubmitRequest("+905321234567", text + "!", false, false, 42, null)
                .withLanguages(NationalLanguage.parse("tr"))).size(), "156 septets do not fit one part");

        String longer = text + " Kampanya ayrıntıları için web sitemizi ziyaret ediniz.";
        SubmitRequest plain = new SubmitRequest("+905321234567", longer, false, false, 42, null);
        assertEquals(4, PduCodec.encodeSubmit(plain).size());
        List<EncodedPdu> turkish = PduCodec.encodeSubmit(plain.withLanguages(NationalLanguage.parse("tr,pt")));
        assertEquals(2, turkish.size(), "149 septets a part beside concatenation and locking shift");
        StringBuilder joined = new StringBuilder();
        for (int part = 1; part <= turkish.size(); part++) {
            SmsSubmit s = (SmsSubmit) PduCodec.decode(turkish.get(part - 1).hex(), true);
            // UDHL 8: concatenation (00 03 ref total seq) and the Turkish locking shift (25 01 01)
            assertArrayEquals(HEX.parseHex("00032A020" + part + "250101"), s.userData().header());
            assertEquals(new Concat(42, part, 2, 8), s.userData().concat());
            joined.append(s.userData().text());
        }
        assertEquals(longer, joined.toString());
    }

    @Test
    void aShortTextStaysInTheDefaultAlphabetOrUcs2WhenTheTablesSaveNothing() throws PduException {
        Set<NationalLanguage> all = EnumSet.allOf(NationalLanguage.class);
        SmsSubmit latin = (SmsSubmit) PduCodec.decode(single(SubmitRequest.of("+34600000000", "Hola, hasta luego")
                .withLanguages(all)).hex(), true);
        assertNull(latin.userData().header());
        SmsSubmit spanish = (SmsSubmit) PduCodec.decode(single(SubmitRequest.of("+34600000000", "¿Qué tal? Canción")
                .withLanguages(all)).hex(), true);
        assertEquals(Encoding.UCS2, spanish.userData().encoding(), "one part either way: UCS2 every phone reads");
    }

    @Test
    void spanishUsesTheSingleShiftAlone() throws PduException {
        String text = "Estimado cliente: su pedido número 4411 está en camino y llegará mañana. Más información "
                + "en nuestra web, gracias.";
        assertEquals(2, PduCodec.encodeSubmit(SubmitRequest.of("+34600000000", text)).size());
        EncodedPdu pdu = single(SubmitRequest.of("+34600000000", text).withLanguages(EnumSet.of(
                NationalLanguage.SPANISH)));
        SmsSubmit s = (SmsSubmit) PduCodec.decode(pdu.hex(), true);
        assertArrayEquals(HEX.parseHex("240102"), s.userData().header());
        assertEquals(text, s.userData().text());
        assertEquals(3, s.userData().fillBits(), "UDH of 4 octets: 5 septets, 3 fill bits");
    }

    @Test
    void aPairOfTablesWritesBothElementsLockingFirst() throws PduException {
        // Portuguese locking for the letters, Turkish single shift for ş and ğ: neither alone writes it all
        String text = "Olá, ação é ótima! Şeker ğ " + "à".repeat(60);
        SubmitRequest request = SubmitRequest.of("+351910000000", text)
                .withLanguages(EnumSet.of(NationalLanguage.PORTUGUESE, NationalLanguage.TURKISH));
        SmsSubmit s = (SmsSubmit) PduCodec.decode(single(request).hex(), true);
        assertArrayEquals(HEX.parseHex("250103240101"), s.userData().header());
        assertEquals(text, s.userData().text());
    }

    @Test
    void decodingFollowsTheHeaderAndReadsUnknownLanguagesAsDefault() throws PduException {
        // Hindi locking shift: septet 0x00 is U+0901, 0x21 is U+0930 ("र" in A.3.6); '!' sits at 0x21 by default
        assertEquals('\u0901', NationalTables.locking(6).charAt(0x00));
        String hindi = "\u0928\u092e\u0938\u094d\u0924\u0947";
        String hex = single(SubmitRequest.of("+919800000000", hindi.repeat(15)).withLanguages(EnumSet.of(
                NationalLanguage.HINDI))).hex();
        assertEquals(hindi.repeat(15), ((SmsSubmit) PduCodec.decode(hex, true)).userData().text());
        // the same septets under an identifier 23.038 has no table for (0x0E) read through the default alphabet
        String unknown = hex.replace("250106", "25010E");
        String text = ((SmsSubmit) PduCodec.decode(unknown, true)).userData().text();
        assertEquals(hindi.length() * 15, text.length());
        assertTrue(text.chars().allMatch(c -> Gsm7.code((char) c) >= 0), text);
    }

    @Test
    void entriesPinnedAgainstAnnexA() {
        // A.3.1 Turkish: 0x07 ı, 0x0B Ğ, 0x0C ğ, 0x1C Ş, 0x1D ş, 0x40 İ, 0x60 ç
        assertEquals("ıĞğŞşİç", pick(NationalTables.locking(1), 0x07, 0x0B, 0x0C, 0x1C, 0x1D, 0x40, 0x60));
        // A.2.1 Turkish single shift: 0x47 Ğ, 0x49 İ, 0x53 Ş, 0x63 ç, 0x65 €, 0x67 ğ, 0x69 ı, 0x73 ş
        assertEquals("ĞİŞç€ğış", pick(NationalTables.single(1), 0x47, 0x49, 0x53, 0x63, 0x65, 0x67, 0x69, 0x73));
        // A.2.2 Spanish: 0x09 ç, 0x41 Á, 0x49 Í, 0x4F Ó, 0x55 Ú, 0x61 á, 0x69 í, 0x6F ó, 0x75 ú
        assertEquals("çÁÍÓÚáíóú", pick(NationalTables.single(2), 0x09, 0x41, 0x49, 0x4F, 0x55, 0x61, 0x69, 0x6F, 0x75));
        // A.3.3 Portuguese: 0x15 ∞, 0x18 €, 0x24 º, 0x5B Ã, 0x7D `
        assertEquals("∞€ºÃ`", pick(NationalTables.locking(3), 0x15, 0x18, 0x24, 0x5B, 0x7D));
        // A.2.11 Tamil single shift: 0x19 ।, 0x1A ॥, 0x1B reserved, 0x1C ௦ (Android's table agrees)
        assertEquals("\u0964\u0965\u0000\u0BE6", pick(NationalTables.single(11), 0x19, 0x1A, 0x1B, 0x1C));
        // A.2.12 Telugu single shift: 0x19, 0x1A empty; 0x22, 0x23 U+0C6C, U+0C6D (V9.1.1's U+06CC/06CD corrected)
        assertEquals("\u0000\u0000\u0C6C\u0C6D", pick(NationalTables.single(12), 0x19, 0x1A, 0x22, 0x23));
        // A.3.13 Urdu: 0x00 ا, 0x01 آ; A.3.4 Bengali 0x00 ঁ; A.3.7 Kannada leaves 0x00 empty
        assertEquals("\u0627\u0622", pick(NationalTables.locking(13), 0x00, 0x01));
        assertEquals("\u0981", pick(NationalTables.locking(4), 0x00));
        assertEquals("\u0000", pick(NationalTables.locking(7), 0x00));
        // every Indic single shift table carries the ASCII the locking tables lack: A at 0x41, € at 0x65
        for (int id = 4; id <= 13; id++) {
            assertEquals("A€", pick(NationalTables.single(id), 0x41, 0x65), "language " + id);
            assertEquals("\n\r", pick(NationalTables.locking(id), 0x0A, 0x0D), "language " + id);
        }
    }

    @Test
    void languagesParseFromASetting() {
        assertEquals(EnumSet.of(NationalLanguage.TURKISH, NationalLanguage.PORTUGUESE), NationalLanguage.parse("tr, pt"));
        assertEquals(EnumSet.of(NationalLanguage.URDU), NationalLanguage.parse("Urdu"));
        assertEquals(Set.of(), NationalLanguage.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> NationalLanguage.parse("tr,xx"));
        assertEquals("tr,pt", NationalLanguage.format(NationalLanguage.parse("pt tr")));
    }

    private static String pick(String table, int... at) {
        StringBuilder out = new StringBuilder();
        for (int i : at) {
            out.append(table.charAt(i));
        }
        return out.toString();
    }

    private static EncodedPdu single(SubmitRequest request) throws PduException {
        List<EncodedPdu> parts = PduCodec.encodeSubmit(request);
        assertEquals(1, parts.size(), "parts");
        return parts.get(0);
    }
}
