package org.switchboard.modem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The JSON and line formats of {@code pdu decode} and {@code pdu encode}, which scripts rely on. */
class PduCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DELIVER = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";
    private static final String SUBMIT = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37";
    private static final String REPORT = "0006" + "2A" + "0C91261821436587" + "62112290000082" + "62112220005029" + "00";

    private String stdout;
    private String stderr;

    private int run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PduCommand command = new PduCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = new CommandLine(command).execute(args);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void decodeDeliver() throws Exception {
        assertEquals(0, run("", "decode", DELIVER));
        JsonNode j = JSON.readTree(stdout);
        assertEquals("SMS-DELIVER", j.get("type").asText());
        assertEquals("+27381000015", j.get("smsc").asText());
        assertEquals("27838890001", j.get("originator").asText());
        assertEquals("unknown", j.get("addressType").asText());
        assertEquals("GSM7", j.get("encoding").asText());
        assertEquals("hellohello", j.get("text").asText());
        assertTrue(j.get("concat").isNull());
        assertEquals("2099-03-29T15:16:59+02:00", j.get("timestamp").asText());
        assertTrue(stdout.endsWith("}\n"));
    }

    @Test
    void decodeSubmitWithoutSmsc() throws Exception {
        assertEquals(0, run("", "decode", "--no-smsc", SUBMIT.substring(2)));
        JsonNode j = JSON.readTree(stdout);
        assertEquals("SMS-SUBMIT", j.get("type").asText());
        assertTrue(j.get("smsc").isNull());
        assertEquals("+46708251358", j.get("destination").asText());
        assertEquals("international", j.get("addressType").asText());
        assertFalse(j.get("statusReportRequested").asBoolean());
        assertEquals(0, j.get("messageRef").asInt());
    }

    @Test
    void decodeStatusReport() throws Exception {
        assertEquals(0, run("", "decode", REPORT));
        JsonNode j = JSON.readTree(stdout);
        assertEquals("SMS-STATUS-REPORT", j.get("type").asText());
        assertEquals("+628112345678", j.get("recipient").asText());
        assertEquals(42, j.get("messageRef").asInt());
        assertEquals(0, j.get("status").asInt());
        assertEquals("2026-11-22T02:00:05-03:00", j.get("dischargeTime").asText());
    }

    @Test
    void decodeEightBitGivesDataHex() throws Exception {
        String pdu = "00" + "40" + "0B912618010011F1" + "00" + "04" + "62112290000082" + "0B" + "0605040B8423F0"
                + "CAFE0102";
        assertEquals(0, run("", "decode", pdu));
        JsonNode j = JSON.readTree(stdout);
        assertEquals("8BIT", j.get("encoding").asText());
        assertEquals("CAFE0102", j.get("dataHex").asText());
        assertFalse(j.has("text"));
    }

    @Test
    void malformedPduExitsWithTwoAndOneLine() {
        assertEquals(2, run("", "decode", "07919471060040340409D0C6A733390400009060920173018093CC74595C96838C4F6772"));
        assertEquals("", stdout);
        assertEquals(1, stderr.strip().lines().count(), stderr);
        assertTrue(stderr.contains("user data shorter than TP-UDL"), stderr);
    }

    @Test
    void decodeLinesFromStdinAnswersEveryLine() throws Exception {
        assertEquals(0, run(DELIVER + "\nnot-hex!\n\n" + SUBMIT + "\r\n", "decode", "-"));
        List<String> lines = stdout.lines().toList();
        assertEquals(4, lines.size(), stdout);
        assertEquals("SMS-DELIVER", JSON.readTree(lines.get(0)).get("type").asText());
        assertTrue(JSON.readTree(lines.get(1)).get("error").asText().startsWith("non-hex"));
        assertEquals("empty PDU", JSON.readTree(lines.get(2)).get("error").asText());
        assertEquals("SMS-SUBMIT", JSON.readTree(lines.get(3)).get("type").asText());
    }

    @Test
    void encodePrintsLengthAndHexPerPart() throws Exception {
        String text = "Pesan panjang dengan simbol €. ".repeat(7);
        assertEquals(0, run("", "encode", "--to", "+6281234567890", "--text", text, "--status-report", "--ref", "9",
                "--smsc", "+62816124"));
        List<String> lines = stdout.lines().toList();
        assertEquals(2, lines.size(), stdout);
        StringBuilder joined = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(" ");
            assertEquals(2, f.length);
            assertEquals(f[1].length() / 2 - 6, Integer.parseInt(f[0]), "length excludes the SMSC field");
            assertEquals(0, run("", "decode", f[1]));
            JsonNode j = JSON.readTree(stdout);
            assertTrue(j.get("statusReportRequested").asBoolean());
            assertEquals(9, j.get("concat").get("ref").asInt());
            assertEquals(2, j.get("concat").get("total").asInt());
            joined.append(j.get("text").asText());
        }
        assertEquals(text, joined.toString());
    }

    @Test
    void encodeUcs2() throws Exception {
        assertEquals(0, run("", "encode", "--to", "08123", "--text", "hi", "--ucs2"));
        String[] f = stdout.strip().split(" ");
        assertEquals(0, run("", "decode", f[1]));
        JsonNode j = JSON.readTree(stdout);
        assertEquals("UCS2", j.get("encoding").asText());
        assertEquals("08123", j.get("destination").asText());
    }

    @Test
    void encodeRefusesABadNumber() {
        assertEquals(2, run("", "encode", "--to", "not-a-number", "--text", "x"));
        assertEquals("", stdout);
        assertFalse(stderr.isBlank());
    }
}
