package org.switchboard.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asterisk's voicemail spool written by the test: message files as app_voicemail writes them, and broken spools. */
class VoicemailSpoolTest {

    @TempDir
    Path spool;

    /** A msgNNNN.txt as app_voicemail (Asterisk 13 and later) writes it. */
    static String messageFile(String mailbox, String callerId, long origtime, int duration, String flag) {
        return ";\n"
                + "; Message Information file\n"
                + ";\n"
                + "[message]\n"
                + "origmailbox=" + mailbox + "\n"
                + "context=from-internal\n"
                + "macrocontext=\n"
                + "exten=vmu" + mailbox + "\n"
                + "rdnis=" + mailbox + "\n"
                + "priority=2\n"
                + "callerchan=PJSIP/1234-00000012\n"
                + "callerid=" + callerId + "\n"
                + "origdate=Thu Nov 26 10:54:37 AM UTC 2026\n"
                + "origtime=" + origtime + "\n"
                + "category=\n"
                + "msg_id=" + origtime + "-00000003\n"
                + "flag=" + flag + "\n"
                + "duration=" + duration + "\n";
    }

    static Path write(Path spool, String mailbox, int n, String txt, byte[] wav, String ext) throws Exception {
        Path inbox = spool.resolve("default").resolve(mailbox).resolve("INBOX");
        Files.createDirectories(inbox);
        String base = String.format("msg%04d", n);
        Files.writeString(inbox.resolve(base + ".txt"), txt, StandardCharsets.UTF_8);
        if (wav != null) {
            Files.write(inbox.resolve(base + "." + ext), wav);
        }
        return inbox;
    }

    @Test
    void aMessageFileAsAsteriskWritesIt() throws Exception {
        write(spool, "1001", 0, messageFile("1001", "\"John Doe\" <1234>", 1795690477L, 5, ""), new byte[] {1, 2, 3}, "wav");
        VoicemailSpool.Listing listing = new VoicemailSpool(spool, null).recordings("1001");
        assertTrue(listing.complete(), listing.problems().toString());
        Recording r = listing.recordings().get(0);
        assertEquals(0, r.messageNumber());
        assertEquals("msg0000", r.baseName());
        assertEquals(new CallerId("John Doe", "1234"), r.caller());
        assertEquals(Instant.ofEpochSecond(1795690477L), r.date());
        assertEquals(Duration.ofSeconds(5), r.duration());
        assertEquals("0:05", r.durationText());
        assertEquals("1795690477-00000003", r.msgId());
        assertEquals(spool.resolve("default/1001/INBOX/msg0000.wav"), r.audio());
        assertFalse(r.urgent());
    }

    @Test
    void newestFirstAndNewerThan() throws Exception {
        write(spool, "1001", 0, messageFile("1001", "<1111>", 1000, 3, ""), new byte[1], "wav");
        write(spool, "1001", 1, messageFile("1001", "Ana <2222>", 2000, 61, "Urgent"), new byte[1], "wav");
        write(spool, "1001", 2, messageFile("1001", "Unknown", 2000, 7, ""), new byte[1], "wav");
        VoicemailSpool s = new VoicemailSpool(spool, "default");
        List<Recording> all = s.recordings("1001").recordings();
        assertEquals(List.of(2, 1, 0), all.stream().map(Recording::messageNumber).toList());
        assertTrue(all.get(2).caller().name().isEmpty());
        assertEquals("1111", all.get(2).caller().number());
        assertTrue(all.get(0).caller().isUnknown());
        assertTrue(all.get(1).urgent());
        assertEquals("1:01", all.get(1).durationText());

        assertEquals(List.of(2, 1), s.newerThan("1001", Instant.ofEpochSecond(1000), 0).recordings().stream()
                .map(Recording::messageNumber).toList());
        assertEquals(List.of(2), s.newerThan("1001", Instant.ofEpochSecond(2000), 1).recordings().stream()
                .map(Recording::messageNumber).toList());
    }

    @Test
    void aMissingWavLeavesTheRecordingWithoutAudio_andOtherFormatsAreFound() throws Exception {
        write(spool, "1001", 0, messageFile("1001", "<1>", 1000, 3, ""), null, "wav");
        write(spool, "1001", 1, messageFile("1001", "<2>", 1001, 3, ""), new byte[] {9}, "WAV");
        write(spool, "1001", 2, messageFile("1001", "<3>", 1002, 3, ""), new byte[] {9}, "gsm");
        List<Recording> all = new VoicemailSpool(spool, null).recordings("1001").recordings();
        assertEquals("gsm", all.get(0).audioFormat());
        assertEquals("WAV", all.get(1).audioFormat());
        assertNull(all.get(2).audio());
        assertEquals("", all.get(2).audioFormat());
    }

    @Test
    void aGarbageFileIsSkippedWithAReason() throws Exception {
        Path inbox = write(spool, "1001", 0, messageFile("1001", "<1>", 1000, 3, ""), new byte[1], "wav");
        Files.write(inbox.resolve("msg0001.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', (byte) 0xc3});
        Files.writeString(inbox.resolve("msg0002.txt"), "hello\nthis is not a message file\n");
        Files.writeString(inbox.resolve("msg0003.txt"), "[message]\ncallerid=<5>\norigtime=yesterday\n");
        Files.writeString(inbox.resolve("notes.txt"), "not ours");
        VoicemailSpool.Listing listing = new VoicemailSpool(spool, null).recordings("1001");
        assertEquals(1, listing.recordings().size());
        assertEquals(3, listing.problems().size(), listing.problems().toString());
        assertTrue(listing.problems().stream().anyMatch(p -> p.equals("msg0001.txt: not a text file")), listing.problems().toString());
        assertTrue(listing.problems().contains("msg0002.txt: no [message] section"), listing.problems().toString());
        assertTrue(listing.problems().contains("msg0003.txt: no origtime"), listing.problems().toString());
    }

    @Test
    void aMissingSpoolIsNoRecordingsAndAReason() {
        VoicemailSpool.Listing listing = new VoicemailSpool(spool.resolve("nowhere"), null).recordings("1001");
        assertEquals(List.of(), listing.recordings());
        assertTrue(listing.problems().get(0).startsWith("no voicemail folder "), listing.problems().toString());
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNoRecordingsAndAReason() throws Exception {
        Files.createDirectories(spool.resolve("default/1001"));
        Files.writeString(spool.resolve("default/1001/INBOX"), "a file");
        VoicemailSpool.Listing listing = new VoicemailSpool(spool, null).recordings("1001");
        assertEquals(List.of(), listing.recordings());
        assertFalse(listing.complete());
    }

    @Test
    void anUnreadableFolderIsNoRecordingsAndAReason() throws Exception {
        Path inbox = write(spool, "1001", 0, messageFile("1001", "<1>", 1000, 3, ""), new byte[1], "wav");
        Files.setPosixFilePermissions(inbox, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(inbox), "root reads every folder: nothing to test as root");
            VoicemailSpool.Listing listing = new VoicemailSpool(spool, null).recordings("1001");
            assertEquals(List.of(), listing.recordings());
            assertEquals(List.of("no permission to read " + inbox), listing.problems());
        } finally {
            Files.setPosixFilePermissions(inbox, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMailboxNameCannotLeaveTheSpool() {
        VoicemailSpool s = new VoicemailSpool(spool, null);
        assertFalse(s.recordings("../../etc").complete());
        assertFalse(s.recordings("1001@..").complete());
        assertEquals(spool.resolve("other/1001/INBOX"), s.inbox("1001@other"));
    }

    @Test
    void callerIdsAsThePbxWritesThem() {
        assertEquals(new CallerId("John", "1234"), CallerId.parse("\"John\" <1234>"));
        assertEquals(new CallerId("John Smith", "1234"), CallerId.parse("John Smith <1234>"));
        assertEquals(new CallerId("", "1234"), CallerId.parse("<1234>"));
        assertEquals(new CallerId("", "+6281234"), CallerId.parse("+6281234"));
        assertEquals(CallerId.UNKNOWN, CallerId.parse("Unknown"));
        assertEquals(new CallerId("Say \"hi\"", "5"), CallerId.parse("\"Say \\\"hi\\\"\" <5>"));
        assertEquals("John <1234>", CallerId.parse("\"John\" <1234>").display());
        assertEquals("an unknown caller", CallerId.UNKNOWN.display());
        assertEquals("Evil Bcc: x@y.example", CallerId.parse("\"Evil\r\nBcc: x@y.example\" <1>").name());
    }
}
