package org.switchboard.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.channel.LineState;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.SmsChannel;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.channel.Submitted;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.store.MessageStore;
import org.switchboard.store.MessageTally;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link ModemsApiRoute} on the hub's Jetty with a real PostgreSQL: each line of a modem channel is reported with what
 * the line says of itself (signal, operator...) and the database's counts of what it sent and failed and of the
 * shared queue, lines of other kinds of channel are not modems, and a line no modem channel has is 404.
 */
class ModemsApiRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private final Modems modems = new Modems(new FakeChannel("modems", "gsm1", "gsm2"));
    private TestHttp http;

    /** A modem channel for the report: a fake channel's lines, of kind modem, with the attributes the test gives. */
    static final class Modems implements SmsChannel {
        private final FakeChannel lines;
        private final Map<String, Map<String, Object>> attributes = new ConcurrentHashMap<>();

        Modems(FakeChannel lines) {
            this.lines = lines;
        }

        void attributes(String line, Map<String, Object> values) {
            attributes.put(line, values);
        }

        @Override
        public String id() {
            return lines.id();
        }

        @Override
        public String kind() {
            return "modem";
        }

        @Override
        public List<String> lines() {
            return lines.lines();
        }

        @Override
        public LineState line(String line) {
            LineState s = lines.line(line);
            return new LineState(line, s.state(), s.reason(), attributes.getOrDefault(line, Map.of()));
        }

        @Override
        public boolean probe(String line) {
            return lines.probe(line);
        }

        @Override
        public int partsFor(String text) {
            return lines.partsFor(text);
        }

        @Override
        public double partsPerSecondPerLine() {
            return lines.partsPerSecondPerLine();
        }

        @Override
        public Submitted submit(String line, OutboundMessage message) throws SubmitFailure {
            return lines.submit(line, message);
        }

        @Override
        public void start(ChannelListener listener) {
            lines.start(listener);
        }

        @Override
        public void stop() {
            lines.stop();
        }
    }

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        Map<String, Object> gsm1 = new LinkedHashMap<>();
        gsm1.put("signal", 21);
        gsm1.put("operator", "TELKOMSEL");
        gsm1.put("imei", "356938035643809");
        modems.attributes("gsm1", gsm1);
        modems.attributes("gsm2", Map.of("signal", 3, "operator", "INDOSAT"));
        // a fake channel's lines are not modems
        Channels channels = new Channels(List.of(modems, new FakeChannel("smpp", "bind-1")), Map.of());
        http = TestHttp.create(db.dataSource());
        // the tally fresh from the database each time (the hub keeps it a few seconds)
        http.add(new ModemsApiRoute(new ModemReport(channels, new MessageTally(db.dataSource())::count))).start();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
    }

    @Test
    void eachModemLineIsReportedWithItsStateAndTheDatabasesCounts() throws Exception {
        MessageStore store = new MessageStore(db.dataSource());
        for (int i = 0; i < 5; i++) {
            store.storeOutbound(new NewOutbound("+628123456789" + i, "Halo", NewOutbound.SOURCE_API, null, "admin"));
        }
        // two sent through gsm1, one failed on gsm2, two still queued for whichever line is free
        TestRows.update(db.dataSource(), "UPDATE outbound_sms SET status = 'SENT', modem = 'gsm1' WHERE id IN (1, 2)");
        TestRows.update(db.dataSource(), "UPDATE outbound_sms SET status = 'FAILED', modem = 'gsm2', error = 'x'"
                + " WHERE id = 3");

        JsonNode all = TestHttp.json(http.asAdmin("GET", "/api/modems", null), 200);
        List<String> names = new ArrayList<>();
        all.forEach(m -> names.add(m.get("name").asText()));
        assertEquals(List.of("gsm1", "gsm2"), names);
        JsonNode gsm1 = all.get(0);
        assertEquals(21, gsm1.get("signal").asInt());
        assertEquals("TELKOMSEL", gsm1.get("operator").asText());
        assertEquals("356938035643809", gsm1.get("imei").asText(), "the line's other attributes follow: " + gsm1);
        assertEquals(2, gsm1.get("queueDepth").asInt());
        assertEquals(2, gsm1.get("sent").asInt());
        assertEquals(0, gsm1.get("failed").asInt());
        assertEquals("modems", gsm1.get("channel").asText());
        JsonNode gsm2 = all.get(1);
        assertEquals(0, gsm2.get("sent").asInt());
        assertEquals(1, gsm2.get("failed").asInt());
        assertEquals(2, gsm2.get("queueDepth").asInt(), "the queue is shared: " + gsm2);
        // the order of the first keys is what the dashboard shows
        List<String> keys = new ArrayList<>();
        gsm1.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("name", "signal", "signalPercent", "signalDbm", "registration", "operator", "queueDepth",
                "sending", "sent", "failed", "imei", "channel"), keys);
    }

    @Test
    void oneModemByNameAndALineNoModemHasIs404() throws Exception {
        JsonNode gsm2 = TestHttp.json(http.asAdmin("GET", "/api/modems/gsm2", null), 200);
        assertEquals("gsm2", gsm2.get("name").asText());
        assertEquals("INDOSAT", gsm2.get("operator").asText());
        TestHttp.error(http.asAdmin("GET", "/api/modems/gsm9", null), 404, "no such modem");
        TestHttp.error(http.asAdmin("GET", "/api/modems/bind-1", null), 404, "no such modem");
        TestHttp.error(http.send("GET", "/api/modems", null), 401, "credentials required");
        TestHttp.error(http.send("GET", "/api/modems/gsm1", null), 401, "credentials required");
    }
}
