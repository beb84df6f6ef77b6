package org.switchboard.modem.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** What the session needs out of the shared real-host dialogues, read with the channel and {@link ResponseParsers}. */
class SharedTranscriptAnswersTest {

    private static Replayer.Result replay(String file) throws Exception {
        return Replayer.replay(TranscriptReplayTest.shared(file), Chunking.EVERY_BYTE);
    }

    private static AtResponse last(Replayer.Result r, String commandLine) {
        AtResponse found = null;
        for (AtResponse response : r.responses()) {
            if (response.command().line().equals(commandLine)) {
                found = response;
            }
        }
        assertTrue(found != null, "no answer to " + commandLine);
        return found;
    }

    @Test
    void sendSmsGetsItsMessageReferenceAfterWritingThePduWithCtrlZ() throws Exception {
        Replayer.Result r = replay("peer-gammu-sendsms.txt");
        AtResponse cmgs = last(r, "AT+CMGS=28");
        assertEquals(FinalResult.OK, cmgs.result());
        assertEquals(OptionalInt.of(1), ResponseParsers.messageReference(cmgs.lines()));
        assertTrue(r.hostWritten().endsWith("05912618164211000C912618951949750000FF10C8329BFD0699E5EF36E81C6EB7EB\u001a"));
        assertEquals("+62816124", ResponseParsers.csca(last(r, "AT+CSCA?").lines().get(0)).orElseThrow());
    }

    @Test
    void longSmsPartsGetConsecutiveReferences() throws Exception {
        Replayer.Result r = replay("peer-gammu-sendsms-long.txt");
        assertEquals(OptionalInt.of(1), ResponseParsers.messageReference(last(r, "AT+CMGS=154").lines()));
        assertEquals(OptionalInt.of(2), ResponseParsers.messageReference(last(r, "AT+CMGS=68").lines()));
    }

    @Test
    void cmsErrorAfterThePayloadIsReportedWithItsCode() throws Exception {
        AtResponse cmgs = last(replay("peer-gammu-sendsms-cmserr.txt"), "AT+CMGS=22");
        assertEquals(FinalResult.CMS_ERROR, cmgs.result());
        assertEquals(500, cmgs.errorCode());
        assertEquals("500", cmgs.errorText());
        assertEquals(List.of(), cmgs.informationLines());
    }

    @Test
    void getAllSmsListsBothStoredPdus() throws Exception {
        Replayer.Result r = replay("peer-gammu-getallsms.txt");
        List<StoredSms> listed = ResponseParsers.cmgl(last(r, "AT+CMGL=4").lines());
        assertEquals(2, listed.size());
        assertEquals(new StoredSms(1, 1, null, 35,
                "059126181642040C9126189519497500006020619041628212502B284C6EA7DDA0B03C0D5297D9E535"), listed.get(0));
        assertEquals(2, listed.get(1).index());
        assertTrue(listed.get(1).unread());
        List<List<String>> supported = ResponseParsers.cpmsSupported(last(r, "AT+CPMS=?").lines().get(0));
        assertEquals(3, supported.size());
        assertEquals(List.of("SM", "ME", "SM_P", "ME_P", "MT"), supported.get(0));
        assertEquals(List.of(new StorageUsage(null, 2, 30), new StorageUsage(null, 2, 30), new StorageUsage(null, 2, 30)),
                ResponseParsers.cpmsUsage(last(r, "AT+CPMS=\"SM\"").lines().get(0)));
    }

    @Test
    void smsdSeesTheInjectedCmtiAndStatusReport() throws Exception {
        Replayer.Result r = replay("peer-gammu-smsd.txt");
        assertEquals(2, r.urcs().size());
        assertEquals(new StorageIndex("SM", 1), ResponseParsers.storageIndex(r.urcs().get(0).line()).orElseThrow());
        assertEquals("+CDS", r.urcs().get(1).code());
        assertEquals("05912618164206010C91261895194975621122310000826211223100508200", r.urcs().get(1).pdu());
        StoredSms read = ResponseParsers.cmgr(r.responses().stream()
                .filter(x -> x.command().line().equals("AT+CMGR=2")).findFirst().orElseThrow().lines(), 2).orElseThrow();
        assertEquals(30, read.length());
        assertEquals(0, read.stat());
        AtResponse missing = last(r, "AT+CMGR=1");
        assertEquals(FinalResult.CMS_ERROR, missing.result());
        assertEquals(321, missing.errorCode());
        SignalQuality csq = ResponseParsers.csq(last(r, "AT+CSQ").lines().get(0)).orElseThrow();
        assertEquals(-71, csq.dbm().getAsInt());
        assertEquals(FinalResult.ERROR, last(r, "AT+CGREG=1").result());
    }

    @Test
    void aModemWithoutEchoIsUnderstoodWhereGammuGaveUp() throws Exception {
        Replayer.Result r = replay("peer-gammu-identify-noecho-fails.txt");
        assertEquals(List.of("+CSCS: \"IRA\""), last(r, "AT+CSCS?").lines());
        assertEquals(FinalResult.ERROR, last(r, "\u001b").result());
        assertTrue(r.urcs().isEmpty());
    }

    @Test
    void identifyReadsModelAndImei() throws Exception {
        Replayer.Result r = replay("peer-gammu-identify.txt");
        assertEquals(List.of("SIMCOM_SIM800"), last(r, "AT+CGMM").lines());
        assertEquals(List.of("868765432109876"), last(r, "AT+CGSN").lines());
        assertEquals(FinalResult.ERROR, last(r, "AT+MODE=2").result());
    }

    @Test
    void smslibListingWithLfEndsParsesAllSeventeenEntries() throws Exception {
        FixtureFiles.Dump dump = FixtureFiles.smslib(TranscriptReplayTest.sharedTranscripts()
                .resolve("fixtures-smslib-tests.txt")).stream()
                .filter(d -> d.name().startsWith("CServiceTest.java:326")).findFirst().orElseThrow();
        Replayer.Result r = Replayer.replay(dump.transcript(), Chunking.random(3));
        // The listing's "OK" has no line end in the fixture: the command times out with every line collected.
        AtResponse listing = r.responses().get(0);
        assertEquals(FinalResult.TIMEOUT, listing.result());
        List<StoredSms> sms = ResponseParsers.cmgl(listing.lines());
        assertEquals(17, sms.size());
        assertEquals(17, sms.get(16).index());
        assertEquals(29, sms.get(16).length());
    }

    @Test
    void smslibVerbosePinErrorKeepsItsText() throws Exception {
        FixtureFiles.Dump dump = FixtureFiles.smslib(TranscriptReplayTest.sharedTranscripts()
                .resolve("fixtures-smslib-tests.txt")).stream()
                .filter(d -> d.name().equals("CServiceTest.java:48 #2")).findFirst().orElseThrow();
        AtResponse r = Replayer.replay(dump.transcript(), Chunking.AS_RECORDED).responses().get(0);
        assertEquals(FinalResult.CME_ERROR, r.result());
        assertEquals(-1, r.errorCode());
        assertEquals("SIM PIN required", r.errorText());
    }
}
