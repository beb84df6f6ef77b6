package org.switchboard.kannel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DlrEscapesTest {

    private static DlrReport report(DlrType type, String reply) {
        return new DlrReport(type, "+6281234567890", "SCHOOL ONE", reply, Instant.parse("2026-11-26T10:15:30Z"), 42,
                "modem1", "http://app/dlr?x=%d", 0, null);
    }

    @Test
    void theUsualPlaySmsEscapesAreFilled() {
        assertEquals("http://app/dlr?type=1&to=%2B6281234567890&from=SCHOOL+ONE&smsc=modem1&id=42",
                DlrEscapes.fill("http://app/dlr?type=%d&to=%p&from=%P&smsc=%i&id=%I", report(DlrType.DELIVERED, "Success")));
    }

    @Test
    void timesAreUnixSecondsAndAGmtTimeString() {
        assertEquals("t=1795688130&s=2026-11-26+10:15:30",
                DlrEscapes.fill("t=%T&s=%t", report(DlrType.DELIVERED, "Success")));
    }

    @Test
    void theReportsTextFillsTheTextEscapesAsInKannel() {
        DlrReport r = report(DlrType.SMSC_REJECTED, "NACK/modem said no (500)");
        assertEquals("A=NACK%2Fmodem+said+no+(500)", DlrEscapes.fill("A=%A", r));
        assertEquals("a=NACK%2Fmodem+said+no+(500)&k=NACK%2Fmodem", DlrEscapes.fill("a=%a&k=%k", r));
        assertEquals("b=Success", DlrEscapes.fill("b=%b", report(DlrType.DELIVERED, "Success")));
        assertEquals("d=16", DlrEscapes.fill("d=%d", r));
    }

    @Test
    void numbersIn00FormBecomeInternationalWithQ() {
        DlrReport r = new DlrReport(DlrType.DELIVERED, "006281234", "0062999", "Success", Instant.EPOCH, 1, null, null,
                0, null);
        assertEquals("%2B6281234 %2B62999 006281234", DlrEscapes.fill("%q %Q %p", r));
        assertEquals("+62 x", DlrEscapes.fill("%q x", new DlrReport(DlrType.DELIVERED, "+62", "s", "", Instant.EPOCH, 1,
                null, null, 0, null)).replace("%2B", "+"));
    }

    @Test
    void unknownEscapesAPercentSignAndATrailingPercentStay() {
        assertEquals("%z 100% %", DlrEscapes.fill("%z 100%% %", report(DlrType.DELIVERED, "Success")));
    }

    @Test
    void kannelsEscapesForFieldsADeliveryReportLacksAreEmpty() {
        // urltrans.c: billing info, meta-data, SMSC number, foreign id, message class, MWI, service, account, UDH,
        // validity and deferred are not in the hub's reports, and Kannel writes nothing for an absent field.
        assertEquals("B=&D=&f=&F=&m=&M=&n=&o=&u=&v=&V=",
                DlrEscapes.fill("B=%B&D=%D&f=%f&F=%F&m=%m&M=%M&n=%n&o=%o&u=%u&v=%v&V=%V", report(DlrType.DELIVERED, "Success")));
    }

    @Test
    void theDcsAndTheWordEscapesHaveTheHubsValues() {
        assertEquals("O=00", DlrEscapes.fill("O=%O", report(DlrType.DELIVERED, "Success")));
        DlrReport ucs2 = new DlrReport(DlrType.DELIVERED, "+62", "s", "Success", Instant.EPOCH, 1, null, null,
                SendsmsRequest.CODING_UCS2, null);
        assertEquals("O=08", DlrEscapes.fill("O=%O", ucs2));
        // As for a keyword's arguments: %s and %S take the next word after the first, %r the words left.
        DlrReport r = report(DlrType.SMSC_REJECTED, "NACK/modem said no* (500)");
        assertEquals("s=said&S=no~&r=(500)", DlrEscapes.fill("s=%s&S=%S&r=%r", r));
        assertEquals("r=said+no*+(500)", DlrEscapes.fill("r=%r", r).replace("%2A", "*"));
    }

    @Test
    void metaDataParametersAreSkipped() {
        assertEquals("a=&b=1", DlrEscapes.fill("a=%#smpp#my_param#&b=1", report(DlrType.DELIVERED, "Success")));
    }

    @Test
    void charactersAUrlCannotHoldArePercentEncodedAndTheRestKept() {
        String filled = DlrEscapes.fill("http://app/dlr?x={%d}&y=a|b c&z=%z&ok=%2B&q=é", report(DlrType.DELIVERED, "x"));
        String legal = KannelUrl.legal(filled);
        assertEquals("http://app/dlr?x=%7B1%7D&y=a%7Cb%20c&z=%25z&ok=%2B&q=%C3%A9", legal);
        assertEquals(legal, java.net.URI.create(legal).toString());
        assertEquals("http://h/p?a=1&b=%41#f", KannelUrl.legal("http://h/p?a=1&b=%41#f"));
    }

    @Test
    void theCharsetEscapeFollowsKannelsDefaults() {
        assertEquals("UTF-8 0", DlrEscapes.fill("%C %c", report(DlrType.DELIVERED, "")));
    }

    @Test
    void urlEncodingKeepsOnlyUnreservedCharacters() {
        assertEquals("a+b%26c%3Dd-_.!~*'()%C3%A9", KannelUrl.encode("a b&c=d-_.!~*'()é"));
    }
}
