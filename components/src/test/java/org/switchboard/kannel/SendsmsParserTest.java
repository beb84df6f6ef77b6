package org.switchboard.kannel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendsmsParserTest {

    private static SendsmsRequest get(String query) {
        return ((SendsmsParser.Request) SendsmsParser.parse(query, null, null, h -> null)).request();
    }

    /** The route's number check stood in for: a receiver with a letter is denied, any other is taken as it is. */
    private static Optional<String> number(String receiver) {
        return receiver.chars().anyMatch(Character::isLetter) ? Optional.empty() : Optional.of(receiver);
    }

    private static SendsmsRequest.Checked ok(SendsmsRequest r) {
        return assertInstanceOf(SendsmsRequest.Ok.class, r.check(SendsmsParserTest::number)).request();
    }

    private static KannelAnswer refused(SendsmsRequest r) {
        return assertInstanceOf(SendsmsRequest.Refused.class, r.check(SendsmsParserTest::number)).answer();
    }

    @Test
    void aPlaySmsStyleGetGivesEveryParameter() {
        SendsmsRequest r = get("username=app&password=s%3Dcret&from=SCHOOL&to=%2B6281234567890+081298765432"
                + "&text=Hello+there%21&dlr-mask=31&dlr-url=http%3A%2F%2Fapp%2Fdlr%3Ftype%3D%25d%26to%3D%25p"
                + "&coding=0&validity=60&deferred=5&smsc=ignored");
        assertEquals("app", r.username());
        assertEquals("s=cret", r.password());
        assertEquals("ignored", r.smsc());
        SendsmsRequest.Checked c = ok(r);
        assertEquals(List.of("+6281234567890", "081298765432"), c.receivers());
        assertEquals("Hello there!", c.text());
        assertEquals("SCHOOL", c.from());
        assertEquals(31, c.dlrMask());
        assertEquals("http://app/dlr?type=%d&to=%p", c.dlrUrl());
        assertEquals(0, c.coding());
        assertEquals(60, c.validity());
        assertEquals(5, c.deferred());
    }

    @Test
    void anUnencodedPlusIsASpaceSoItSeparatesReceiversAsInKannel() {
        assertEquals(List.of("6281234567890", "6281298765432"), ok(get("user=a&pass=b&to=+6281234567890+6281298765432&text=x"))
                .receivers());
        SendsmsRequest r = get("user=a&pass=b&to=1&text=x");
        assertEquals("a", r.username());
        assertEquals("b", r.password());
    }

    @Test
    void theFirstOccurrenceOfAParameterWins() {
        assertEquals("first", get("text=first&text=second&to=1").textBytes().length == 5 ? "first" : "second");
    }

    @Test
    void missingAndEmptyReceiversGetKannelsAnswers() {
        assertEquals(KannelAnswer.MISSING_RECEIVER, refused(get("username=a&password=b&text=hi")));
        assertEquals(KannelAnswer.EMPTY_RECEIVER, refused(get("username=a&password=b&to=&text=hi")));
        assertEquals("Missing receiver number, rejected", KannelAnswer.MISSING_RECEIVER.text());
        assertEquals(400, KannelAnswer.MISSING_RECEIVER.status());
    }

    @Test
    void aMissingTextIsAnEmptySmsAsInKannel() {
        assertEquals("", ok(get("username=a&password=b&to=0812")).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dlr-url=ftp://x/y&dlr-mask=1|DLR-URL field misformed, rejected",
            "dlr-url=http:/&dlr-mask=1|DLR-URL field misformed, rejected",
            "dlr-mask=64|DLR-Mask field misformed, rejected",
            "coding=3|Coding field misformed, rejected",
            "validity=-5|Validity field misformed, rejected",
            "deferred=-2|Deferred field misformed, rejected",
            "charset=no-such-charset|Charset or body misformed, rejected",
            "udh=%05%00%03|UDH field misformed, rejected"})
    void misformedFieldsAreRejectedInKannelsWords(String extra, String answer) {
        KannelAnswer a = refused(get("username=a&password=b&to=0812&text=hi&" + extra));
        assertEquals(400, a.status());
        assertEquals(answer, a.text());
    }

    /** smsbox_req_handle denies receivers before it looks at dlr-url, dlr-mask, coding, validity and deferred. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dlr-url=ftp://x/y&dlr-mask=1", "dlr-mask=64", "coding=3", "coding=1", "validity=-5", "deferred=-2"})
    void deniedReceiversAreAnsweredBeforeTheOtherFields(String extra) {
        assertEquals(KannelAnswer.ALL_DENIED, refused(get("username=a&password=b&to=abc+x1&text=hi&" + extra)));
    }

    @Test
    void theDeniedReceiversAreKeptApartFromTheAcceptedOnes() {
        SendsmsRequest.Checked c = ok(get("to=0812+abc+0812+0813&text=hi"));
        assertEquals(List.of("0812", "0813"), c.receivers());
        assertEquals(List.of("abc"), c.denied());
    }

    @Test
    void numbersAreReadAsSscanfReadsThem() {
        assertEquals(31, SendsmsRequest.number(" 31abc"));
        assertEquals(-1, SendsmsRequest.number("abc"));
        assertEquals(-1, SendsmsRequest.number(null));
        assertEquals(-7, SendsmsRequest.number("-7"));
        assertEquals(-1, SendsmsRequest.number(""));
    }

    @Test
    void theTextIsDecodedInTheNamedCharsetOrUtf8OrUcs2ForCoding2() {
        assertEquals("café", ok(get("to=1&text=caf%E9&charset=ISO-8859-1")).text());
        assertEquals("café", ok(get("to=1&text=caf%C3%A9")).text());
        assertEquals("Hé", ok(get("to=1&text=%00H%00%E9&coding=2")).text());
        assertEquals("Hé", ok(get("to=1&text=%00H%00%E9&coding=2&charset=UCS-2")).text());
        // UTF-8 that is not: refused when the charset says UTF-8, as charset_convert fails, and without a charset too
        assertEquals(KannelAnswer.CHARSET_MISFORMED, refused(get("to=1&text=%C3%28&charset=UTF-8")));
        assertEquals(KannelAnswer.CHARSET_MISFORMED, refused(get("to=1&text=caf%E9")));
    }

    @Test
    void textTheHubCannotStoreOrSendIsRefusedForGoodNotLeftToFailLater() {
        for (String bad : new String[] {"%00", "%1B", "%7F", "%C2%85"}) {
            assertEquals(KannelAnswer.CHARSET_MISFORMED, refused(get("to=1&text=Hal" + bad + "o")), bad);
            assertEquals(KannelAnswer.FROM_MISFORMED, refused(get("to=1&text=Halo&from=ACME" + bad)), bad);
            assertEquals(KannelAnswer.DLR_URL_MISFORMED, refused(get("to=1&text=Halo&dlr-url=http%3A%2F%2Fa.example%2F"
                    + bad)), bad);
        }
        // a lone surrogate in UCS-2 is no text either
        assertEquals(KannelAnswer.CHARSET_MISFORMED, refused(get("to=1&text=%D8%00%00A&coding=2")));
        assertEquals(400, KannelAnswer.FROM_MISFORMED.status());
        // TAB, LF, CR and FF are text
        assertEquals("a\tb\nc\r\fd", ok(get("to=1&text=a%09b%0Ac%0D%0Cd")).text());
    }

    @Test
    void aUdhAndEightBitDataAreRefusedForTheModemsSendTextOnly() {
        KannelAnswer udh = refused(get("to=1&text=x&udh=%05%00%03%01%02%01"));
        assertEquals(400, udh.status());
        assertEquals("UDH field not supported, the hub's modems send text only, rejected", udh.text());
        KannelAnswer binary = refused(get("to=1&text=x&coding=1"));
        assertEquals(400, binary.status());
        assertEquals("Coding field 1 (8-bit) not supported, the hub's modems send text only, rejected", binary.text());
        // An octet-stream body is 8-bit data unless X-Kannel-Coding says otherwise, as in smsbox.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-Kannel-To", "0812");
        assertEquals(KannelAnswer.EIGHT_BIT_UNSUPPORTED, refused(((SendsmsParser.Request) SendsmsParser.parse(null,
                "application/octet-stream", "x".getBytes(), headers::get)).request()));
        // The modem picks 7-bit or UCS-2 from the text: both codings are taken.
        assertEquals(SendsmsRequest.CODING_7BIT, ok(get("to=1&text=x&coding=0")).coding());
        assertEquals(SendsmsRequest.CODING_7BIT, ok(get("to=1&text=x")).coding());
        assertEquals(SendsmsRequest.CODING_UCS2, ok(get("to=1&text=%00x&coding=2")).coding());
    }

    @Test
    void aPlainTextPostTakesTheBodyAndTheXKannelHeaders() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-Kannel-Username", " app ");
        headers.put("X-Kannel-Password", "secret");
        headers.put("X-Kannel-To", "081234567890 081298765432");
        headers.put("X-Kannel-From", "SCHOOL");
        headers.put("X-Kannel-DLR-Mask", "3");
        headers.put("X-Kannel-DLR-URL", "http://app/dlr?s=%d");
        SendsmsRequest r = ((SendsmsParser.Request) SendsmsParser.parse(null, "text/plain; charset=ISO-8859-1",
                "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), headers::get)).request();
        assertEquals("app", r.username());
        SendsmsRequest.Checked c = ok(r);
        assertEquals("café", c.text());
        assertEquals(List.of("081234567890", "081298765432"), c.receivers());
        assertEquals(3, c.dlrMask());
        assertEquals(SendsmsRequest.CODING_7BIT, c.coding());
        headers.put("X-Kannel-UDH", "050003010201");
        assertEquals(KannelAnswer.UDH_UNSUPPORTED, refused(((SendsmsParser.Request) SendsmsParser.parse(null, "text/plain",
                "x".getBytes(), headers::get)).request()));
    }

    @Test
    void aPostWithoutXKannelToIsMissingReceiversInThePostWording() {
        SendsmsRequest r = ((SendsmsParser.Request) SendsmsParser.parse(null, "text/plain", "hi".getBytes(),
                h -> null)).request();
        assertEquals("Missing receiver(s) number(s), rejected", refused(r).text());
    }

    @Test
    void aFormPostIsReadLikeTheGetItStandsFor() {
        SendsmsRequest r = ((SendsmsParser.Request) SendsmsParser.parse("username=app",
                "application/x-www-form-urlencoded", "password=x&to=0812+0813&text=a%26b".getBytes(), h -> null))
                .request();
        assertEquals("app", r.username());
        assertEquals("x", r.password());
        assertEquals("a&b", ok(r).text());
        assertEquals(List.of("0812", "0813"), ok(r).receivers());
    }

    @Test
    void otherBodiesAreAnInvalidContentType() {
        SendsmsParser.Parsed p = SendsmsParser.parse(null, "application/json", "{}".getBytes(), h -> null);
        assertEquals(KannelAnswer.INVALID_CONTENT_TYPE, assertInstanceOf(SendsmsParser.Unreadable.class, p).answer());
    }

    @Test
    void aMissingFromIsNull() {
        assertNull(ok(get("to=1")).from());
    }
}
