package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.channel.InboundContent;

/** Data, flash, port-addressed and WAP push SMS stored with what they are (V23), and read back so. */
class InboundKindsStoreTest {
    private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 5, 4, 8, 0, 0, 0, ZoneOffset.ofHours(7));

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageStore store;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        store = new MessageStore(db.dataSource());
    }

    private static NewInbound sms(String text, InboundContent content) {
        return new NewInbound("modems", "gsm1", "+6281234567890", text, 1, false, SCTS, null, content);
    }

    @Test
    void eachKindComesBackAsItWasStored() {
        long flash = store.storeInbound(sms("Saldo Anda Rp 5.000", InboundContent.of(0, null, null, null))).id();
        byte[] bytes = { 0x00, 0x01, (byte) 0xFF, 0x7F };
        long data = store.storeInbound(sms("", InboundContent.of(1, 5555, 65000, bytes))).id();
        long push = store.storeInbound(sms("http://www.example.com/promo",
                InboundContent.of(null, 2948, 9200, new byte[] { 1, 6 }))).id();
        long plain = store.storeInbound(sms("halo", InboundContent.PLAIN_TEXT)).id();

        InboundContent f = store.inbound(flash).orElseThrow().content();
        assertEquals(InboundContent.TEXT, f.kind());
        assertTrue(f.flash());
        InboundContent d = store.inbound(data).orElseThrow().content();
        assertEquals(InboundContent.DATA, d.kind());
        assertEquals(1, d.messageClass());
        assertEquals(5555, d.destPort());
        assertEquals(65000, d.srcPort());
        assertArrayEquals(bytes, d.data());
        InboundContent p = store.inbound(push).orElseThrow().content();
        assertEquals(InboundContent.WAP_PUSH, p.kind());
        assertEquals("http://www.example.com/promo", store.inbound(push).orElseThrow().text());
        assertEquals(InboundContent.PLAIN_TEXT, store.inbound(plain).orElseThrow().content());
    }

    @Test
    void dataIsNeverAnOptOutAndTwoDataSmsAlikeButForTheirBytesAreTwo() {
        StoredInbound stop = store.storeInbound(sms("STOP", InboundContent.of(null, 16007, 0, new byte[] { 1 })));
        assertNull(stop.optOutKeyword());
        assertFalse(store.isOptedOut("+6281234567890"));
        long a = store.storeInbound(sms("", InboundContent.of(null, 16007, 0, new byte[] { 1, 2 }))).id();
        long b = store.storeInbound(sms("", InboundContent.of(null, 16007, 0, new byte[] { 1, 3 }))).id();
        assertNotEquals(a, b);
        assertEquals(a, store.storeInbound(sms("", InboundContent.of(null, 16007, 0, new byte[] { 1, 2 }))).id(),
                "the same data read again is the same row");
    }

    @Test
    void theTableRefusesAKindWithoutItsData() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThrows(java.sql.SQLException.class, () -> s.executeUpdate("INSERT INTO inbound_sms (modem,"
                    + " originator, text, received_at, fingerprint, kind) VALUES ('m', '+1', '', now(), 'x', 'data')"));
        }
    }
}
