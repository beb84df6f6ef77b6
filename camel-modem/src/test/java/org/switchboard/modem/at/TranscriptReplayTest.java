package org.switchboard.modem.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.switchboard.modem.SharedTestData;

/**
 * Replays recorded dialogues through the channel, in every chunking: the shared transcripts (checked against
 * {@link ResponseOracle}) and the project's own (checked against their EXPECT lines).
 */
class TranscriptReplayTest {

    static Path sharedTranscripts() {
        return SharedTestData.require("at-transcripts");
    }

    static Path ownTranscripts() throws URISyntaxException {
        return Path.of(TranscriptReplayTest.class.getResource("transcripts").toURI());
    }

    static Transcript shared(String file) throws IOException {
        return Transcript.read(sharedTranscripts().resolve(file));
    }

    @TestFactory
    Stream<DynamicTest> sharedPeerTranscripts() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(sharedTranscripts())) {
            files = list.filter(p -> p.getFileName().toString().startsWith("peer-")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no peer transcripts");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            Transcript t = Transcript.read(file);
            List<String> expected = ResponseOracle.expectedEvents(t);
            for (Chunking chunking : Chunking.standardSet()) {
                tests.add(dynamicTest(t.name() + " / " + chunking, () -> {
                    Replayer.Result r = Replayer.replay(t, chunking);
                    assertEquals(r.hostExpected(), r.hostWritten(), "bytes written to the modem");
                    assertEquals(String.join("\n", expected), String.join("\n", r.events()));
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> ownTranscriptsMatchTheirExpectations() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(ownTranscripts())) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "own transcripts missing: " + files);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            Transcript t = Transcript.read(file);
            assertFalse(t.expectations().isEmpty(), t.name() + " has no EXPECT lines");
            for (Chunking chunking : Chunking.standardSet()) {
                tests.add(dynamicTest(t.name() + " / " + chunking, () -> {
                    Replayer.Result r = Replayer.replay(t, chunking);
                    assertEquals(r.hostExpected(), r.hostWritten(), "bytes written to the modem");
                    assertEquals(String.join("\n", t.expectations()), String.join("\n", r.events()));
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> gammuFixtureDumps() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (FixtureFiles.Dump dump : FixtureFiles.gammuDumps(sharedTranscripts().resolve("fixtures-gammu-tests.txt"))) {
            Transcript t = dump.transcript();
            List<String> expected = ResponseOracle.expectedEvents(t);
            for (Chunking chunking : List.of(Chunking.AS_RECORDED, Chunking.EVERY_BYTE, Chunking.random(7))) {
                tests.add(dynamicTest(dump.name() + " / " + chunking, () -> {
                    Replayer.Result r = Replayer.replay(t, chunking);
                    assertEquals(String.join("\n", expected), String.join("\n", r.events()));
                }));
            }
        }
        assertTrue(tests.size() > 100, "too few gammu dumps found: " + tests.size() / 3);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> gammuAtgenEventsAndReplies() throws IOException {
        return fixtureTests(FixtureFiles.gammuAtgen(sharedTranscripts().resolve("fixtures-gammu-tests.txt")), 30,
                "atgen strings");
    }

    @TestFactory
    Stream<DynamicTest> smslibFixtureStrings() throws IOException {
        return fixtureTests(FixtureFiles.smslib(sharedTranscripts().resolve("fixtures-smslib-tests.txt")), 60,
                "smslib strings");
    }

    /** Each dump replayed as recorded, byte by byte and in a seeded random chunking, against the oracle's events. */
    private static Stream<DynamicTest> fixtureTests(List<FixtureFiles.Dump> dumps, int atLeast, String what) {
        List<DynamicTest> tests = new ArrayList<>();
        for (FixtureFiles.Dump dump : dumps) {
            Transcript t = dump.transcript();
            List<String> expected = ResponseOracle.expectedEvents(t);
            for (Chunking chunking : List.of(Chunking.AS_RECORDED, Chunking.EVERY_BYTE, Chunking.random(7))) {
                tests.add(dynamicTest(dump.name() + " / " + chunking, () -> {
                    Replayer.Result r = Replayer.replay(t, chunking);
                    assertEquals(String.join("\n", expected), String.join("\n", r.events()));
                }));
            }
        }
        assertTrue(tests.size() >= atLeast, "too few " + what + " found: " + tests.size() / 3);
        return tests.stream();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
