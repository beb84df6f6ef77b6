package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.switchboard.modem.SharedTestData;

/** Every vector of ../shared/testdata/pdu-vectors.json: decoded fields, rejected PDUs, survived oddities, groups. */
class PduVectorConformanceTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Fields that describe the PDU without being something the decoder reports. */
    private static final Set<String> DESCRIPTIVE = Set.of("scts_raw", "reference_decoder", "gammu_DecodePDU",
            "node-pdu");

    @TestFactory
    Stream<DynamicNode> vectors() throws IOException {
        JsonNode all = load();
        List<DynamicNode> tests = new ArrayList<>();
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode v = all.get(i);
            tests.add(DynamicTest.dynamicTest(name(i, v), () -> check(v)));
            if (v.hasNonNull("group")) {
                groups.computeIfAbsent(v.get("group").asText(), g -> new ArrayList<>()).add(v);
            }
        }
        List<DynamicNode> groupTests = new ArrayList<>();
        groups.forEach((group, parts) -> groupTests.add(
                DynamicTest.dynamicTest(group + " (" + parts.size() + " parts)", () -> reassemble(parts))));
        return Stream.of(DynamicContainer.dynamicContainer("vectors", tests),
                DynamicContainer.dynamicContainer("concatenated groups", groupTests));
    }

    static JsonNode load() throws IOException {
        Path file = SharedTestData.require("pdu-vectors.json");
        JsonNode all = new ObjectMapper().readTree(file.toFile());
        assertTrue(all.isArray() && all.size() > 0, "no vectors in " + file);
        return all;
    }

    private static String name(int i, JsonNode v) {
        String kind = v.get("expect").has("error") ? "malformed" : v.get("expect").has("robustness") ? "robustness"
                : v.get("direction").asText();
        return "#" + i + " " + kind + ": " + v.get("source").asText();
    }

    private static void check(JsonNode v) {
        String pdu = v.get("pdu").asText();
        boolean smsc = v.get("smsc_included").asBoolean();
        JsonNode expect = v.get("expect");
        if (expect.has("error")) {
            PduException e = assertThrows(PduException.class, () -> PduDecoder.decode(pdu, smsc),
                    "must be rejected: " + expect.get("error").asText());
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), "one-line reason");
            return;
        }
        if (expect.has("robustness")) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    PduDecoder.decode(pdu, smsc);
                } catch (PduException acceptable) {
                    // decoders disagree on these; surviving them is the requirement
                }
            });
            return;
        }
        SmsPdu decoded;
        try {
            decoded = PduDecoder.decode(pdu, smsc);
        } catch (PduException e) {
            throw new AssertionError("rejected a valid PDU: " + e.getMessage(), e);
        }
        assertEquals(v.get("direction").asText(), direction(decoded), "direction");
        for (Map.Entry<String, JsonNode> f : expect.properties()) {
            assertField(f.getKey(), f.getValue(), decoded);
        }
    }

    static String direction(SmsPdu pdu) {
        if (pdu instanceof SmsDeliver d) {
            return "deliver";
        }
        if (pdu instanceof SmsSubmit s) {
            return "submit";
        }
        return "status-report";
    }

    private static void assertField(String key, JsonNode want, SmsPdu pdu) {
        if (DESCRIPTIVE.contains(key)) {
            return;
        }
        UserData ud = userData(pdu);
        int firstOctet = firstOctet(pdu);
        switch (key) {
            case "smsc" -> assertEquals(text(want), pdu.smsc() == null ? null : pdu.smsc().value(), key);
            case "smsc_toa" -> assertEquals(want.asText(), hex(pdu.smsc().toa()), key);
            case "originator", "destination", "recipient" ->
                    assertEquals(want.asText(), address(pdu, key).value(), key);
            case "originator_toa", "destination_toa", "recipient_toa" ->
                    assertEquals(want.asText(), hex(address(pdu, base(key)).toa()), key);
            case "originator_ton", "destination_ton", "recipient_ton" ->
                    assertEquals(want.asText(), typeOfNumber(address(pdu, base(key)).toa()), key);
            case "first_octet" -> assertEquals(want.asText(), hex(firstOctet), key);
            case "pid" -> assertEquals(want.asText(), hex(pid(pdu)), key);
            case "dcs" -> assertEquals(want.asText(), hex(ud.dcs()), key);
            case "alphabet" -> assertEquals(want.asText(), ud.encoding().jsonName().toLowerCase(), key);
            case "class" -> assertEquals(want.asInt(), ud.messageClass(), key);
            case "udl" -> assertEquals(want.asInt(), ud.length(), key);
            case "text" -> assertEquals(want.asText(), ud.text(), key);
            case "data_hex" -> assertEquals(want.asText(), HEX.formatHex(ud.data()), key);
            case "udh_hex" -> assertEquals(want.asText(), ud.header() == null ? null : HEX.formatHex(ud.header()), key);
            case "fill_bits" -> assertEquals(want.asInt(), ud.fillBits(), key);
            case "concat" -> assertEquals(want.isNull() ? null : new Concat(want.get("ref").asInt(),
                    want.get("seq").asInt(), want.get("total").asInt(), want.get("ref_bits").asInt()), ud.concat(),
                    key);
            case "ports" -> assertEquals(want.isNull() ? null : new Ports(want.get("dst").asInt(),
                    want.get("src").asInt(), want.get("bits").asInt()), ud.ports(), key);
            case "mwi" -> assertEquals(new MessageWaiting(want.get("discard").asBoolean(),
                    want.get("active").asBoolean(), want.get("type").asInt()), ud.messageWaiting(), key);
            case "mr" -> assertEquals(want.asInt(), messageRef(pdu), key);
            case "vpf" -> assertEquals(want.asText(), ((SmsSubmit) pdu).validityPeriod().format().name().toLowerCase(),
                    key);
            case "vp" -> assertEquals(text(want), vp((SmsSubmit) pdu), key);
            case "srr", "sri" -> assertEquals(want.asBoolean(), (firstOctet & 0x20) != 0, key);
            case "rd", "mms" -> assertEquals(want.asBoolean(), (firstOctet & 0x04) != 0, key);
            case "udhi" -> assertEquals(want.asBoolean(), (firstOctet & 0x40) != 0, key);
            case "rp" -> assertEquals(want.asBoolean(), (firstOctet & 0x80) != 0, key);
            case "scts" -> assertTime(want.asText(), pdu instanceof SmsDeliver d ? d.timestamp()
                    : ((SmsStatusReport) pdu).timestamp(), key);
            case "discharge_time" -> assertTime(want.asText(), ((SmsStatusReport) pdu).dischargeTime(), key);
            case "status" -> assertEquals(want.asInt(), ((SmsStatusReport) pdu).status(), key);
            case "status_class" -> assertEquals(want.asText(), statusClass(((SmsStatusReport) pdu).status()), key);
            case "tpdu_length" -> assertEquals(want.asInt(), pdu.tpduLength(), key);
            default -> fail("vector field '" + key + "' is not checked by this suite");
        }
    }

    private static void assertTime(String want, OffsetDateTime got, String key) {
        try {
            OffsetDateTime.parse(want);
        } catch (DateTimeParseException notAnInstant) {
            // the corpus annotates undecodable stamps (e.g. a time zone octet that is not BCD): no value to compare
            return;
        }
        assertNotNull(got, key);
        assertEquals(want, ISO.format(got), key);
    }

    private static String base(String key) {
        return key.substring(0, key.indexOf('_'));
    }

    private static Address address(SmsPdu pdu, String role) {
        return switch (role) {
            case "originator" -> ((SmsDeliver) pdu).originator();
            case "destination" -> ((SmsSubmit) pdu).destination();
            default -> ((SmsStatusReport) pdu).recipient();
        };
    }

    /** The full 23.040 9.1.2.5 names (the CLI's addressType folds the rare ones into "unknown"). */
    private static String typeOfNumber(int toa) {
        return switch ((toa >>> 4) & 0x07) {
            case 1 -> "international";
            case 2 -> "national";
            case 3 -> "network-specific";
            case 4 -> "subscriber";
            case 5 -> "alphanumeric";
            case 6 -> "abbreviated";
            default -> "unknown";
        };
    }

    /** 23.040 9.2.3.15. */
    private static String statusClass(int st) {
        if (st == 0) {
            return "completed-delivered";
        }
        if (st < 0x20) {
            return "completed";
        }
        if (st < 0x40) {
            return "temporary-still-trying";
        }
        return st < 0x60 ? "permanent-error" : "temporary-no-longer-trying";
    }

    private static String vp(SmsSubmit s) {
        return s.validityPeriod().octets().length == 0 ? null : HEX.formatHex(s.validityPeriod().octets());
    }

    static UserData userData(SmsPdu pdu) {
        if (pdu instanceof SmsDeliver d) {
            return d.userData();
        }
        if (pdu instanceof SmsSubmit s) {
            return s.userData();
        }
        return ((SmsStatusReport) pdu).userData();
    }

    private static int firstOctet(SmsPdu pdu) {
        if (pdu instanceof SmsDeliver d) {
            return d.firstOctet();
        }
        if (pdu instanceof SmsSubmit s) {
            return s.firstOctet();
        }
        return ((SmsStatusReport) pdu).firstOctet();
    }

    private static int pid(SmsPdu pdu) {
        if (pdu instanceof SmsDeliver d) {
            return d.pid();
        }
        if (pdu instanceof SmsSubmit s) {
            return s.pid();
        }
        return ((SmsStatusReport) pdu).pid();
    }

    private static int messageRef(SmsPdu pdu) {
        return pdu instanceof SmsSubmit s ? s.messageRef() : ((SmsStatusReport) pdu).messageRef();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String hex(int octet) {
        return String.format("%02X", octet);
    }

    private static void reassemble(List<JsonNode> vectors) throws PduException {
        List<UserData> parts = new ArrayList<>();
        for (JsonNode v : vectors) {
            parts.add(userData(PduDecoder.decode(v.get("pdu").asText(), v.get("smsc_included").asBoolean())));
        }
        parts.sort(Comparator.comparingInt(p -> p.concat().part()));
        Concat first = parts.get(0).concat();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Concat c = parts.get(i).concat();
            assertEquals(first.ref(), c.ref(), "same reference");
            assertEquals(first.total(), c.total(), "same total");
            assertEquals(i + 1, c.part(), "parts in sequence");
            if (parts.get(i).text() != null) {
                joined.append(parts.get(i).text());
            }
        }
        JsonNode reassembly = vectors.get(0).get("group_reassembly");
        assertEquals(reassembly.get("parts_in_corpus").asInt(), parts.size(), "parts in corpus");
        if (reassembly.get("joined_text_matches_source").asBoolean(false)) {
            assertEquals(first.total(), parts.size(), "complete group");
            assertEquals(vectors.get(0).get("source_asserts").get("full_text_all_parts").asText(), joined.toString());
        }
    }
}
