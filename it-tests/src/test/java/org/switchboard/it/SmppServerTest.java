package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * The hub's SMPP server with applications that are not ours: node-smpp binds, submits (short, long in UDH, SAR and
 * message_payload, GSM and UCS-2), and gets its delivery receipts once the simulated network's status reports are in.
 * jSMPP's client plays the edge cases node-smpp cannot (two binds at once, a PDU that is no PDU).
 */
class SmppServerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        NodeSmpp.require();
        hub = InProcessHub.start(dir, Map.of("switchboard.simulator.modems", "2",
                "switchboard.smpp.server.receipt-poll-millis", "50"));
        DispatchTest.awaitModemsUp(hub.hub());
        SmppAccountStore accounts = new SmppAccountStore(hub.hub().database().dataSource());
        accounts.add(NewSmppAccount.of("bankapp", "s3cret"), "test");
        accounts.add(new NewSmppAccount("quiz", "pw", Set.of(BindKind.values()), List.of("9123"), 1, 1), "test");
        accounts.add(new NewSmppAccount("sender", "pw", Set.of(BindKind.TRANSMITTER), List.of(), 0, 4), "test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private static String plan(String submits, int receipts) {
        return "{\"bind\":\"transceiver\",\"submits\":[" + submits + "],\"receipts\":" + receipts
                + ",\"timeoutMs\":60000}";
    }

    private static DeliveredSms awaitDelivered(String to) {
        return await().atMost(WAIT).until(() -> hub.delivered().stream().filter(d -> d.to().equals(to)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void anApplicationSubmitsThroughTheModemsAndGetsItsDeliveredReceipt() throws Exception {
        List<JsonNode> events = NodeSmpp.esme(hub.smppPort(), "bankapp", "s3cret", plan("{\"to\":\"+6281200000001\","
                + "\"from\":\"BANK\",\"text\":\"Your OTP is 4711\",\"registered_delivery\":1}", 1));
        assertEquals(0, NodeSmpp.events(events, "bind_resp").get(0).path("command_status").asInt());
        JsonNode resp = NodeSmpp.events(events, "submit_sm_resp").get(0);
        assertEquals(0, resp.path("command_status").asInt());
        String messageId = resp.path("message_id").asText();
        assertEquals("Your OTP is 4711", awaitDelivered("+6281200000001").text());

        JsonNode receipt = NodeSmpp.events(events, "deliver_sm").get(0);
        assertEquals(4, receipt.path("esm_class").asInt() & 0x3C, "a delivery receipt");
        String text = receipt.path("short_message").asText();
        assertTrue(text.startsWith("id:" + messageId + " sub:001 dlvrd:001 submit date:"), text);
        assertTrue(text.contains(" stat:DELIVRD err:000 text:Your OTP is 4711"), text);
        assertEquals(messageId, receipt.path("receipted_message_id").asText());
        assertEquals(2, receipt.path("message_state").asInt(), "DELIVERED");
        assertEquals("BANK", receipt.path("destination_addr").asText());

        long smsId = ((Number) hub.query("SELECT sms_id FROM smpp_submit WHERE id = ?", Long.parseLong(messageId))
                .get(0).get("sms_id")).longValue();
        List<String> hops = hub.journal("outbound_sms").stream().filter(h -> ((Number) h.get("message_id")).longValue()
                == smsId).map(h -> (String) h.get("hop")).toList();
        assertTrue(hops.containsAll(List.of("sms-stored", "smpp-receipt-sent")), hops.toString());
    }

    @Test
    void longTextInUdhSarOrPayloadAndUcs2ArriveWholeWithAReceiptPerSubmit() throws Exception {
        String cyrillic = "Привет! Это длинное сообщение на кириллице: оно не помещается в одну часть UCS-2, и его"
                + " отправляют частями.";
        String latin = "This reminder is long enough to need two parts when sent in the GSM 7-bit alphabet, since one"
                + " part holds 153 characters once the concatenation header takes its share. Reply STOP to end.";
        String payload = "A whole long text in message_payload, " + "as some applications send it. ".repeat(6);
        List<JsonNode> events = NodeSmpp.esme(hub.smppPort(), "bankapp", "s3cret", plan(
                "{\"to\":\"+6281200000011\",\"text\":\"" + cyrillic + "\",\"coding\":\"UCS2\",\"long\":\"udh\","
                        + "\"registered_delivery\":1},"
                        + "{\"to\":\"+6281200000012\",\"text\":\"" + latin + "\",\"long\":\"sar\","
                        + "\"registered_delivery\":1},"
                        + "{\"to\":\"+6281200000013\",\"text\":\"" + payload + "\",\"long\":\"payload\","
                        + "\"registered_delivery\":1}", 2 + 2 + 1));
        List<JsonNode> resps = NodeSmpp.events(events, "submit_sm_resp");
        assertEquals(5, resps.size(), events.toString());
        assertTrue(resps.stream().allMatch(r -> r.path("command_status").asInt() == 0), resps.toString());
        assertEquals(cyrillic, awaitDelivered("+6281200000011").text());
        assertEquals(latin, awaitDelivered("+6281200000012").text());
        assertEquals(payload, awaitDelivered("+6281200000013").text());
        // one receipt per message_id answered, parts included
        Set<String> answered = Set.copyOf(resps.stream().map(r -> r.path("message_id").asText()).toList());
        Set<String> receipted = Set.copyOf(NodeSmpp.events(events, "deliver_sm").stream()
                .map(d -> d.path("receipted_message_id").asText()).toList());
        assertEquals(answered, receipted);
    }

    @Test
    void aReceiptWaitsForTheApplicationToBindAgain() throws Exception {
        List<JsonNode> sent = NodeSmpp.esme(hub.smppPort(), "bankapp", "s3cret", "{\"bind\":\"transmitter\","
                + "\"submits\":[{\"to\":\"+6281200000021\",\"text\":\"later\",\"registered_delivery\":1}]}");
        String messageId = NodeSmpp.events(sent, "submit_sm_resp").get(0).path("message_id").asText();
        awaitDelivered("+6281200000021");
        await().atMost(WAIT).until(() -> !hub.query("SELECT 1 FROM smpp_receipt WHERE submit_id = ?",
                Long.parseLong(messageId)).isEmpty());
        List<JsonNode> later = NodeSmpp.esme(hub.smppPort(), "bankapp", "s3cret",
                "{\"bind\":\"receiver\",\"receipts\":1,\"timeoutMs\":30000}");
        assertEquals(messageId, NodeSmpp.events(later, "deliver_sm").get(0).path("receipted_message_id").asText());
    }

    @Test
    void aWrongPasswordAnUnknownAccountAndAForbiddenBindTypeGetTheirStatusAndAreJournalled() throws Exception {
        assertEquals(SMPPConstant.STAT_ESME_RINVPASWD, NodeSmpp.events(NodeSmpp.esme(hub.smppPort(), "bankapp",
                "wrong", "{}"), "bind_resp").get(0).path("command_status").asInt());
        assertEquals(SMPPConstant.STAT_ESME_RINVSYSID, NodeSmpp.events(NodeSmpp.esme(hub.smppPort(), "nobody",
                "pw", "{}"), "bind_resp").get(0).path("command_status").asInt());
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, NodeSmpp.events(NodeSmpp.esme(hub.smppPort(), "sender",
                "pw", "{\"bind\":\"receiver\"}"), "bind_resp").get(0).path("command_status").asInt());
        List<Map<String, Object>> refused = hub.journal("smpp_bind").stream()
                .filter(h -> "smpp-bind-refused".equals(h.get("hop"))).toList();
        assertTrue(refused.stream().anyMatch(h -> String.valueOf(h.get("error")).startsWith("ESME_RINVPASWD (0x0E)")),
                refused.toString());
        assertTrue(refused.stream().anyMatch(h -> String.valueOf(h.get("error")).startsWith("ESME_RINVSYSID")));
        assertTrue(refused.stream().anyMatch(h -> String.valueOf(h.get("error")).startsWith("ESME_RBINDFAIL")));
        assertEquals(3L, hub.query("SELECT count(*) AS n FROM smpp_bind WHERE status <> 0"
                + " AND system_id IN ('bankapp', 'nobody', 'sender')").get(0).get("n"));
    }

    @Test
    void aBindOverTheLimitASourceNotAllowedAndAThrottleBreachAreRefused() throws Exception {
        SMPPSession first = jsmpp(BindType.BIND_TRX, "quiz", "pw");
        try {
            NegativeResponseException overLimit = org.junit.jupiter.api.Assertions.assertThrows(
                    NegativeResponseException.class, () -> jsmpp(BindType.BIND_TX, "quiz", "pw"));
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, overLimit.getCommandStatus());
            NegativeResponseException source = org.junit.jupiter.api.Assertions.assertThrows(
                    NegativeResponseException.class, () -> submit(first, "INFO", "+6281200000031", "x"));
            assertEquals(SMPPConstant.STAT_ESME_RINVSRCADR, source.getCommandStatus());
            // one a second: of five at once, at most two (one now, one refilled) get through
            int throttled = 0;
            for (int i = 0; i < 5; i++) {
                try {
                    submit(first, "9123", "+6281200000032", "poll " + i);
                } catch (NegativeResponseException e) {
                    assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, e.getCommandStatus());
                    throttled++;
                }
            }
            assertTrue(throttled >= 3, throttled + " throttled");
        } finally {
            first.unbindAndClose();
        }
        assertTrue(hub.journal("smpp_bind").stream().anyMatch(h -> "smpp-submit-refused".equals(h.get("hop"))
                && String.valueOf(h.get("error")).startsWith("ESME_RTHROTTLED (0x58)")));
    }

    @Test
    void aMalformedPduGetsAGenericNackAndHarmsNoOtherBind() throws Exception {
        SMPPSession other = jsmpp(BindType.BIND_TRX, "bankapp", "s3cret");
        try (Socket raw = new Socket("127.0.0.1", hub.smppPort())) {
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            // command_length 8: shorter than a PDU's own header
            out.write(ByteBuffer.allocate(16).putInt(8).putInt(0x00000004).putInt(0).putInt(1).array());
            out.flush();
            DataInputStream in = new DataInputStream(raw.getInputStream());
            int length = in.readInt();
            int commandId = in.readInt();
            int status = in.readInt();
            assertEquals(16, length);
            assertEquals(0x80000000, commandId, "generic_nack");
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, status);
        }
        String id = submit(other, "", "+6281200000041", "still fine");
        assertFalse(id.isBlank());
        assertEquals("still fine", awaitDelivered("+6281200000041").text());
        other.unbindAndClose();
    }

    @Test
    void accountsAreManagedAndBindsSeenOverHttp() throws Exception {
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        JsonNode created = api.call("POST", "/api/smpp/accounts", "{\"systemId\": \"pollapp\", \"password\":"
                + " \"p0ll\", \"bindTypes\": [\"transceiver\"], \"sources\": [\"9123\"], \"throughput\": 20}",
                201);
        assertEquals("pollapp", created.path("systemId").asText());
        assertEquals("[\"transceiver\"]", created.path("bindTypes").toString());
        assertEquals(20, created.path("throughput").asInt());
        ApiClient.assertError(api.send("POST", "/api/smpp/accounts", "application/json",
                "{\"systemId\": \"pollapp\", \"password\": \"x\"}", true), 409, "cannot add the SMPP account");
        ApiClient.assertError(api.send("POST", "/api/smpp/accounts", "application/json",
                "{\"systemId\": \"p2\", \"password\": \"much too long\"}", true), 400,
                "cannot add the SMPP account");
        assertEquals(401, api.send("GET", "/api/smpp/accounts", null, null, false).statusCode());

        SMPPSession bound = jsmpp(BindType.BIND_TRX, "pollapp", "p0ll");
        try {
            JsonNode binds = api.get("/api/smpp/binds").path("binds");
            assertTrue(java.util.stream.StreamSupport.stream(binds.spliterator(), false).anyMatch(b ->
                    "pollapp".equals(b.path("systemId").asText()) && "transceiver".equals(b.path("bindType").asText())),
                    binds.toString());
            JsonNode listed = api.get("/api/smpp/accounts").path("accounts");
            assertTrue(java.util.stream.StreamSupport.stream(listed.spliterator(), false).anyMatch(a ->
                    "pollapp".equals(a.path("systemId").asText()) && a.path("bindsOpen").asInt() == 1),
                    listed.toString());
        } finally {
            bound.unbindAndClose();
        }
        api.call("POST", "/api/smpp/accounts/pollapp/password", "{\"password\": \"n3w\"}", 200);
        jsmpp(BindType.BIND_TRX, "pollapp", "n3w").unbindAndClose();
        api.call("DELETE", "/api/smpp/accounts/pollapp", null, 200);
        ApiClient.assertError(api.send("DELETE", "/api/smpp/accounts/pollapp", null, null, true), 404,
                "no such SMPP account");
    }

    private static SMPPSession jsmpp(BindType type, String systemId, String password) throws Exception {
        SMPPSession s = new SMPPSession();
        try {
            s.connectAndBind("127.0.0.1", hub.smppPort(), new BindParameter(type, systemId, password, "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        } catch (java.io.IOException e) {
            s.close();
            if (e.getCause() instanceof NegativeResponseException n) {
                throw n;
            }
            throw e;
        }
        return s;
    }

    private static String submit(SMPPSession s, String from, String to, String text) throws Exception {
        return s.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, from,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to.substring(1), new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(), (byte) 0,
                text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).getMessageId();
    }
}
