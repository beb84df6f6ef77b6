package org.switchboard.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.SmsDeliver;

/**
 * The real WAP pushes of ../shared/testdata/pdu-vectors.json (AOSP's and gammu's, to port 2948): each decodes to 8-bit
 * data that is a WAP push by its port, and its WSP header reads.
 */
class WapPushVectorsTest {

    @Test
    void everyPushInTheSharedVectorsReads() throws Exception {
        Path vectors = Path.of(System.getProperty("switchboard.shared", "../../shared"), "testdata",
                "pdu-vectors.json");
        Assumptions.assumeTrue(Files.exists(vectors), "shared test data not found at " + vectors + ": skipped");
        int pushes = 0;
        for (JsonNode v : new ObjectMapper().readTree(vectors.toFile())) {
            JsonNode ports = v.path("expect").path("ports");
            if (!v.path("direction").asText().equals("deliver") || ports.path("dst").asInt() != 2948
                    || v.path("expect").has("error")) {
                continue;
            }
            SmsDeliver d = (SmsDeliver) PduCodec.decode(v.get("pdu").asText(), v.get("smsc_included").asBoolean());
            InboundContent content = InboundContent.of(d.userData().messageClass() < 0 ? null
                    : d.userData().messageClass(), d.userData().ports().destination(), d.userData().ports().source(),
                    d.userData().data());
            assertEquals(InboundContent.WAP_PUSH, content.kind(), v.get("pdu").asText());
            // a concatenated push's later parts carry no WSP header of their own
            if (d.userData().concat() == null || d.userData().concat().part() == 1) {
                WapPush push = WapPush.read(d.userData().data()).orElseThrow();
                assertTrue(push.contentType().startsWith("application/vnd.wap."), push.toString());
            }
            pushes++;
        }
        assertTrue(pushes >= 4, "pushes found: " + pushes);
    }
}
