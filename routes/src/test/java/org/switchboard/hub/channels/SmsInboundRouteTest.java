package org.switchboard.hub.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.Channels;
import org.switchboard.channel.FakeChannel;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.store.MessageStore;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/**
 * {@link SmsInboundRoute} driven by a fake channel through Camel on a real PostgreSQL: an SMS is committed by the time
 * the channel's listener call returns, one received again is stored once, and a store that fails throws back into the
 * channel, which keeps the SMS and hands it over again.
 */
class SmsInboundRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final OffsetDateTime SCTS = OffsetDateTime.parse("2026-11-26T09:00:00+07:00");
    private static final String CUSTOMER = "+6281234567890";

    private final FakeChannel alpha = new FakeChannel("alpha", "alpha-1", "alpha-2");
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private CamelContext camel;
    private JournalWriter journal;

    @BeforeEach
    void start() throws Exception {
        TestDatabases.truncateAll(db.dataSource());
        journal = new JournalWriter(db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        // As ChannelsModule wires it: the channel gets its listener once the routes run.
        ChannelsLifecycle.install(new Channels(List.of(alpha), Map.of()), camel);
        camel.addRoutes(new SmsInboundRoute(new MessageStore(TestRows.switchable(db.dataSource(), databaseUp::get)),
                null));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        journal.close();
    }

    private static ReceivedSms sms(String text) {
        return new ReceivedSms("alpha", "alpha-2", CUSTOMER, text, 2, false, SCTS, "modem alpha-2, SIM index [3]");
    }

    @Test
    void aReceivedSmsIsCommittedBeforeTheChannelsCallReturnsAndItsHopsAreJournalled() throws Exception {
        alpha.listener().received(sms("Halo, saya mau tanya soal pendaftaran"));

        // No waiting: the call returning is the channel's licence to delete the SMS from its SIM.
        assertEquals(List.of("1|alpha|alpha-2|" + CUSTOMER + "|Halo, saya mau tanya soal pendaftaran|2|PENDING"),
                TestRows.texts(db.dataSource(), "SELECT concat_ws('|', id, channel, modem, originator, text, parts,"
                        + " email_status) FROM inbound_sms"));
        assertEquals(SCTS.toInstant(), new MessageStore(db.dataSource()).inbound(1).orElseThrow().receivedAt().toInstant());
        journal.flush();
        assertEquals(List.of("received: channel alpha, modem alpha-2, SIM index [3], from " + CUSTOMER,
                "stored: as in-1"), TestRows.hops(db.dataSource(), "inbound_sms", 1));
    }

    @Test
    void theSameSmsReceivedAgainAfterARestartIsStoredOnce() throws Exception {
        alpha.listener().received(sms("Halo"));
        // The channel crashed before acknowledging: it reads the same SMS from its SIM again.
        alpha.listener().received(sms("Halo"));
        // A different SMS of the same sender and second still counts.
        alpha.listener().received(sms("Halo lagi"));

        assertEquals(List.of("Halo", "Halo lagi"), TestRows.texts(db.dataSource(),
                "SELECT text FROM inbound_sms ORDER BY id"));
        journal.flush();
        List<String> hops = TestRows.hops(db.dataSource(), "inbound_sms", 1);
        assertEquals(4, hops.size(), hops::toString);
        assertEquals("stored: already stored: received again after a restart, before the channel had acknowledged it",
                hops.get(3));
    }

    @Test
    void aStoreThatFailsThrowsBackIntoTheChannelWhichHandsTheSmsOverAgainLater() throws Exception {
        databaseUp.set(false);
        ReceivedSms sms = sms("Tolong hubungi saya");

        // The channel must see the failure, or it would delete an SMS the hub never stored.
        Exception refused = assertThrows(Exception.class, () -> alpha.listener().received(sms));
        assertTrue(causes(refused).contains("the database is down"), causes(refused));
        databaseUp.set(true);
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM inbound_sms"));

        alpha.listener().received(sms);
        assertEquals(List.of("Tolong hubungi saya"), TestRows.texts(db.dataSource(), "SELECT text FROM inbound_sms"));
        journal.flush();
        assertEquals(List.of("received: channel alpha, modem alpha-2, SIM index [3], from " + CUSTOMER,
                "stored: as in-1"), TestRows.hops(db.dataSource(), "inbound_sms", 1));
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" <- ");
        }
        return b.toString();
    }
}
