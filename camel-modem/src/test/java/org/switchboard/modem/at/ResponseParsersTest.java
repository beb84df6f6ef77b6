package org.switchboard.modem.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ResponseParsersTest {
    private static final String PDU = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07";

    @Test
    void messageReference() {
        assertEquals(OptionalInt.of(12), ResponseParsers.messageReference(List.of("+CMGS: 12")));
        assertEquals(OptionalInt.of(123), ResponseParsers.messageReference(List.of("+CMGS:123")));
        assertEquals(OptionalInt.of(7), ResponseParsers.messageReference(List.of("+CMGS: 7,\"24/01/01,10:00:00+04\"")));
        assertEquals(OptionalInt.of(4), ResponseParsers.messageReference(List.of("^RSSI:3", "+CMSS: 4")));
        assertEquals(OptionalInt.empty(), ResponseParsers.messageReference(List.of("+CMGS: x", "OK")));
        assertEquals(OptionalInt.empty(), ResponseParsers.messageReference(List.of()));
    }

    @Test
    void cmglInPduMode() {
        List<StoredSms> sms = ResponseParsers.cmgl(List.of("+CMGL: 1,0,\"\",30", PDU, "", "+CMGL: 2,1,\"Bob\",30",
                PDU.toLowerCase(), "+CMGL: 3,1,,30", "+CMGL: 4,3,,30", PDU));
        assertEquals(List.of(new StoredSms(1, 0, null, 30, PDU), new StoredSms(2, 1, "Bob", 30, PDU),
                new StoredSms(4, 3, null, 30, PDU)), sms);
    }

    @Test
    void cmglSkipsTextModeAndMalformedEntries() {
        assertEquals(List.of(), ResponseParsers.cmgl(List.of("+CMGL: 1,\"REC READ\",\"+4912345\",,\"24/01/01\"", "Hello")));
        assertEquals(List.of(), ResponseParsers.cmgl(List.of("+CMGL: ", "+CMGL: a,b,c", PDU, "+CMGL: 1,0,,30", "XYZ")));
        assertEquals(List.of(), ResponseParsers.cmgl(List.of("+CMGL: 1,0,,30", PDU.substring(1))));
    }

    @Test
    void cmgr() {
        assertEquals(Optional.of(new StoredSms(5, 0, null, 30, PDU)), ResponseParsers.cmgr(List.of("+CMGR: 0,,30", PDU), 5));
        assertEquals(Optional.of(new StoredSms(1, 1, "Eve", 30, PDU)),
                ResponseParsers.cmgr(List.of("+CMGR: 1,\"Eve\",30", "", PDU), 1));
        assertEquals(Optional.empty(), ResponseParsers.cmgr(List.of("+CMGR: 0,,30"), 1));
        assertEquals(Optional.empty(), ResponseParsers.cmgr(List.of("+CMGR: \"REC READ\",\"+31625044454\",,\"07/07/05\"",
                "Test message 2"), 3));
    }

    @Test
    void csq() {
        SignalQuality q = ResponseParsers.csq("+CSQ: 21,0").orElseThrow();
        assertTrue(q.known());
        assertEquals(-71, q.dbm().getAsInt());
        assertEquals(-113, ResponseParsers.csq("+CSQ: 0,99").orElseThrow().dbm().getAsInt());
        assertEquals(-51, ResponseParsers.csq("+CSQ:31,7").orElseThrow().dbm().getAsInt());
        assertEquals(-25, ResponseParsers.csq("+CSQ: 191,99").orElseThrow().dbm().getAsInt());
        SignalQuality unknown = ResponseParsers.csq("+CSQ: 99,99").orElseThrow();
        assertFalse(unknown.known());
        assertTrue(unknown.dbm().isEmpty());
        assertEquals(Optional.empty(), ResponseParsers.csq("+CSQ: 21"));
        assertEquals(Optional.empty(), ResponseParsers.csq("+CSQ: -1,0"));
        assertEquals(Optional.empty(), ResponseParsers.csq("+CREG: 0,1"));
    }

    @Test
    void registrationAnswerForms() {
        assertEquals(new Registration(0, RegistrationStatus.NOT_REGISTERED, null, null, -1),
                ResponseParsers.registration("+CREG: 0,0").orElseThrow());
        assertEquals(new Registration(2, RegistrationStatus.HOME, "4CA", "81DE445", -1),
                ResponseParsers.registration("+CREG: 2,1,4CA,81DE445").orElseThrow());
        assertEquals(new Registration(0, RegistrationStatus.HOME, "5E25", "605F", 2),
                ResponseParsers.registration("+CREG: 0,1,\"5E25\",\"605F\",2").orElseThrow());
        assertEquals(new Registration(2, RegistrationStatus.ROAMING, "2AF5", "0B88E350", 2),
                ResponseParsers.registration("+CREG: 2,5,\"2AF5\",\"0B88E350\",2").orElseThrow());
        assertEquals(new Registration(2, RegistrationStatus.HOME, null, "605F", -1),
                ResponseParsers.registration("+CREG: 2,1,\"\",\"605F\"").orElseThrow());
        assertEquals(new Registration(2, RegistrationStatus.HOME, "5E25", null, -1),
                ResponseParsers.registration("+CREG: 2,1,\"5E25").orElseThrow());
        Registration odd = ResponseParsers.registration("+CREG: 2,1,\"0B,\"0100701\",7").orElseThrow();
        assertEquals(RegistrationStatus.HOME, odd.status());
        assertEquals(new Registration(1, RegistrationStatus.SMS_ONLY_HOME, "1A2B", "01A2B3C4", 7),
                ResponseParsers.registration("+CEREG: 1,6,\"1A2B\",\"01A2B3C4\",7").orElseThrow());
    }

    @Test
    void registrationUrcForms() {
        assertEquals(new Registration(-1, RegistrationStatus.ROAMING, null, null, -1),
                ResponseParsers.registration("+CREG: 5").orElseThrow());
        assertEquals(new Registration(-1, RegistrationStatus.HOME, "5E25", "605F", -1),
                ResponseParsers.registration("+CREG: 1,\"5E25\",\"605F\"").orElseThrow());
        assertEquals(new Registration(-1, RegistrationStatus.SEARCHING, "4CA", "81DE445", 7),
                ResponseParsers.registration("+CGREG: 2,\"4CA\",\"81DE445\",7").orElseThrow());
        assertEquals(new Registration(-1, RegistrationStatus.DENIED, "4CA", "81DE445", -1),
                ResponseParsers.registration("+CREG: 3,4CA,81DE445").orElseThrow());
        assertTrue(RegistrationStatus.ROAMING.registered());
        assertFalse(RegistrationStatus.SEARCHING.registered());
        assertEquals(RegistrationStatus.UNKNOWN, RegistrationStatus.of(42));
    }

    @Test
    void registrationRejectsOtherLines() {
        assertEquals(Optional.empty(), ResponseParsers.registration("+CREG:"));
        assertEquals(Optional.empty(), ResponseParsers.registration("+CREG"));
        assertEquals(Optional.empty(), ResponseParsers.registration("+CREG: x,y"));
        assertEquals(Optional.empty(), ResponseParsers.registration("+CSQ: 1,2"));
        assertEquals(Optional.empty(), ResponseParsers.registration(null));
    }

    @Test
    void storageIndex() {
        assertEquals(Optional.of(new StorageIndex("SM", 3)), ResponseParsers.storageIndex("+CMTI: \"SM\",3"));
        assertEquals(Optional.of(new StorageIndex("SR", 12)), ResponseParsers.storageIndex("+CDSI: \"SR\", 12"));
        assertEquals(Optional.of(new StorageIndex("ME", 0)), ResponseParsers.storageIndex("+CMTI: ME,0"));
        assertEquals(Optional.empty(), ResponseParsers.storageIndex("+CMTI: \"SM\""));
        assertEquals(Optional.empty(), ResponseParsers.storageIndex("+CMTI: \"SM\",-1"));
        assertEquals(Optional.empty(), ResponseParsers.storageIndex("+CMT: ,23"));
    }

    @Test
    void cpmsUsageAndSupported() {
        assertEquals(List.of(new StorageUsage(null, 1, 99), new StorageUsage(null, 1, 99)),
                ResponseParsers.cpmsUsage("+CPMS: 1,99,1,99"));
        assertEquals(List.of(new StorageUsage("SM", 3, 50), new StorageUsage("ME", 0, 100), new StorageUsage("SM", 3, 50)),
                ResponseParsers.cpmsUsage("+CPMS: \"SM\",3,50,\"ME\",0,100,\"SM\",3,50"));
        assertEquals(List.of(), ResponseParsers.cpmsUsage("+CPMS: 1,99,1"));
        assertEquals(List.of(), ResponseParsers.cpmsUsage("+CPMS: (\"SM\"),(\"SM\")"));
        assertEquals(List.of(List.of("SM", "ME", "SM_P", "ME_P", "MT"), List.of("SM", "ME", "SM_P", "ME_P", "MT"),
                List.of("SM", "ME", "SM_P", "ME_P", "MT")), ResponseParsers.cpmsSupported(
                        "+CPMS: (\"SM\", \"ME\", \"SM_P\", \"ME_P\", \"MT\"), (\"SM\", \"ME\", \"SM_P\", \"ME_P\", \"MT\"), "
                                + "(\"SM\", \"ME\", \"SM_P\", \"ME_P\", \"MT\")"));
        assertEquals(List.of(List.of("ME", "SM", "SR"), List.of("ME", "SM")),
                ResponseParsers.cpmsSupported("+CPMS: (\"ME\",\"SM\",\"SR\"),(\"ME\",\"SM\")"));
        assertEquals(List.of(), ResponseParsers.cpmsSupported("+CPMS: "));
        assertEquals(List.of(), ResponseParsers.cpmsSupported("OK"));
    }

    @Test
    void cpin() {
        assertEquals(Optional.of(PinState.READY), ResponseParsers.cpin("+CPIN: READY"));
        assertEquals(Optional.of(PinState.SIM_PIN), ResponseParsers.cpin("+CPIN: SIM PIN"));
        assertEquals(Optional.of(PinState.SIM_PUK), ResponseParsers.cpin("+CPIN:SIM PUK"));
        assertEquals(Optional.of(PinState.PH_SIM_PIN), ResponseParsers.cpin("+CPIN: PH-SIM PIN"));
        assertEquals(Optional.of(PinState.READY), ResponseParsers.cpin("+CPIN: \"READY\""));
        assertEquals(Optional.of(PinState.OTHER), ResponseParsers.cpin("+CPIN: NOT INSERTED"));
        assertEquals(Optional.empty(), ResponseParsers.cpin("+CPIN: "));
        assertEquals(Optional.empty(), ResponseParsers.cpin("+CME ERROR: SIM not inserted"));
    }

    @Test
    void csca() {
        assertEquals(Optional.of("+79168999100"), ResponseParsers.csca("+CSCA: \"+79168999100\",145"));
        assertEquals(Optional.of("+6281100000"), ResponseParsers.csca("+CSCA: \"6281100000\",145"));
        assertEquals(Optional.of("0612345678"), ResponseParsers.csca("+CSCA: \"0612345678\",129"));
        assertEquals(Optional.of("+97254120032"),
                ResponseParsers.csca("+CSCA: 002B00390037003200350034003100320030003000330032,145"));
        assertEquals(Optional.of("+447802092035"),
                ResponseParsers.csca("+CSCA: \"002B003400340037003800300032003000390032003000330035\",145"));
        assertEquals(Optional.empty(), ResponseParsers.csca("+CSCA: \"\",129"));
        assertEquals(Optional.empty(), ResponseParsers.csca("+CSCA: \"abc\",129"));
    }

    @Test
    void copsNamesTheOperatorOnlyWhenRegistered() {
        assertEquals(Optional.of("Telkomsel"), ResponseParsers.cops("+COPS: 0,0,\"Telkomsel\",7"));
        assertEquals(Optional.of("SWITCHBOARD SIM"), ResponseParsers.cops("+COPS: 0,0,\"SWITCHBOARD SIM\""));
        assertEquals(Optional.of("51010"), ResponseParsers.cops("+COPS: 1,2,\"51010\",2"));
        assertEquals(Optional.empty(), ResponseParsers.cops("+COPS: 0"));
        assertEquals(Optional.empty(), ResponseParsers.cops("+COPS: 0,0,\"\""));
        assertEquals(Optional.empty(), ResponseParsers.cops("+CSQ: 21,0"));
    }

    @Test
    void lineWithFindsTheAnswerLine() {
        assertEquals(Optional.of("+CSQ: 3,4"), ResponseParsers.lineWith(List.of("^RSSI:3", "+CSQ: 3,4"), "+CSQ"));
        assertEquals(Optional.empty(), ResponseParsers.lineWith(List.of("OK"), "+CSQ"));
    }

    @Test
    void randomAndMutatedLinesNeverThrow() {
        Random random = new Random(27_005);
        List<String> seeds = List.of("+CMGL: 1,0,\"\",30", PDU, "+CMGR: 0,,30", "+CSQ: 21,0", "+CREG: 2,1,\"5E25\",\"605F\",2",
                "+CMTI: \"SM\",3", "+CPMS: (\"SM\",\"ME\"),(\"SM\")", "+CPMS: \"SM\",3,50", "+CPIN: SIM PIN",
                "+CSCA: \"002B0037\",145", "+CMGS: 12");
        String alphabet = "+:,\"()0123456789ABCDEF SMCREGQPINLT\r\n\u0000\u00ff";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int m = random.nextInt(4); m >= 0; m--) {
                int at = b.length() == 0 ? 0 : random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (b.length() > 0) {
                            b.deleteCharAt(at);
                        }
                    }
                    default -> b.setLength(at);
                }
            }
            String line = b.toString();
            List<String> lines = List.of(line, seeds.get(random.nextInt(seeds.size())), line);
            ResponseParsers.messageReference(lines);
            ResponseParsers.cmgl(lines);
            ResponseParsers.cmgr(lines, i);
            ResponseParsers.csq(line);
            ResponseParsers.registration(line);
            ResponseParsers.storageIndex(line);
            ResponseParsers.cpmsUsage(line);
            ResponseParsers.cpmsSupported(line);
            ResponseParsers.cpin(line);
            ResponseParsers.csca(line);
            ResponseParsers.cops(line);
            ResponseParsers.lineWith(lines, "+CSQ");
        }
    }
}
