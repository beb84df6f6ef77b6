package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history search on a real PostgreSQL: each criterion narrows to exactly the SMS it should, newest first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageHistoryTest {

    private static final String BUDI = "+6281200000001";
    private static final String SITI = "+6281200000002";
    private static final String STRANGER = "+6289900000009";
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, ZoneOffset.ofHours(7));

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private MessageHistory history;

    @BeforeAll
    void fill() throws Exception {
        history = new MessageHistory(db.dataSource());
        MessageStore store = new MessageStore(db.dataSource());
        sql("INSERT INTO contact (number, name, attributes) VALUES (?, 'Budi Santoso', ?::jsonb), (?, 'Siti_Rahma', ?::jsonb)",
                BUDI, "{\"school\": \"SMA N 1\", \"major\": \"IPA\"}", SITI, "{\"school\": \"SMA N 2\", \"major\": \"IPA\"}");
        // inbound: t0 Budi, t0+1h Siti, t0+2h a stranger (no contact)
        store.storeInbound(new NewInbound("modems", "gsm1", BUDI, "Halo, nilai saya 100% benar?", 1, false, T0));
        store.storeInbound(new NewInbound("modems", "gsm1", SITI, "Jadwal ujian kapan?", 1, false, T0.plusHours(1)));
        store.storeInbound(new NewInbound("modems", "gsm2", STRANGER, "Promo pulsa", 1, false, T0.plusHours(2)));
        // outbound, queued at t0+3h .. t0+5h
        long o1 = store.storeOutbound(new NewOutbound(BUDI, "Nilai 100_persen benar", "api", null, "admin")).id();
        long o2 = store.storeOutbound(new NewOutbound(SITI, "Ujian hari Senin", "email-reply", null, "staff@x")).id();
        long o3 = store.storeOutbound(new NewOutbound(STRANGER, "STOP diterima", "api", null, "admin")).id();
        sql("UPDATE outbound_sms SET created_at = ?, status = 'SENT', modem = 'gsm1', delivery_status = 'delivered'"
                + " WHERE id = ?", T0.plusHours(3), o1);
        sql("UPDATE outbound_sms SET created_at = ?, status = 'FAILED', error = 'CMS 21' WHERE id = ?", T0.plusHours(4), o2);
        sql("UPDATE outbound_sms SET created_at = ? WHERE id = ?", T0.plusHours(5), o3);
        sql("UPDATE inbound_sms SET email_status = 'SENT' WHERE originator = ?", BUDI);
    }

    @Test
    void everythingNewestFirstWithContacts() {
        HistoryPage page = history.search(HistoryQuery.all(50));
        assertEquals(6, page.total());
        assertEquals(List.of(STRANGER, SITI, BUDI, STRANGER, SITI, BUDI), numbers(page));
        HistoryItem sent = page.items().get(2);
        assertEquals("out", sent.direction());
        assertEquals("SENT", sent.status());
        assertEquals("delivered", sent.delivery());
        assertEquals("Budi Santoso", sent.name());
        assertEquals(Map.of("school", "SMA N 1", "major", "IPA"), sent.attributes());
        assertEquals("EMAILED", page.items().get(5).status());
        assertEquals("RECEIVED", page.items().get(4).status());
        assertNull(page.items().get(3).name());
        assertEquals(Map.of(), page.items().get(3).attributes());
        assertEquals("in-" + 1, page.items().get(5).id());
    }

    @Test
    void pagesKeepTheTotal() {
        HistoryPage page = history.search(HistoryQuery.all(2).page(2, 2));
        assertEquals(6, page.total());
        assertEquals(List.of(BUDI, STRANGER), numbers(page));
        HistoryPage beyond = history.search(HistoryQuery.all(2).page(10, 2));
        assertEquals(6, beyond.total());
        assertEquals(List.of(), beyond.items());
    }

    @Test
    void eachCriterionNarrows() {
        assertEquals(List.of(BUDI, BUDI), numbers(history.search(HistoryQuery.all(50).withNumber(BUDI))));
        assertEquals(List.of(SITI, SITI), numbers(history.search(HistoryQuery.all(50).withDigits("00000002"))));
        assertEquals(List.of(BUDI, BUDI), numbers(history.search(HistoryQuery.all(50).withName("budi"))));
        assertEquals(List.of(SITI, SITI), numbers(history.search(HistoryQuery.all(50).withText("UJIAN"))));
        assertEquals(List.of(STRANGER, SITI, BUDI),
                numbers(history.search(HistoryQuery.all(50).withDirection(HistoryQuery.OUT))));
        assertEquals(List.of(SITI, BUDI), numbers(history.search(HistoryQuery.all(50).withStatuses(Set.of("SENT", "FAILED")))));
        assertEquals(List.of(STRANGER, SITI), numbers(history.search(HistoryQuery.all(50)
                .between(T0.plusHours(1), T0.plusHours(4)).withDirection(HistoryQuery.IN))));
        assertEquals(List.of(SITI, BUDI, STRANGER, SITI),
                numbers(history.search(HistoryQuery.all(50).between(T0.plusHours(1), T0.plusHours(5)))));
        assertEquals(List.of(BUDI, BUDI), numbers(history.search(HistoryQuery.all(50).withAttributes(Map.of("school", "SMA N 1")))));
        assertEquals(List.of(SITI, BUDI, SITI, BUDI),
                numbers(history.search(HistoryQuery.all(50).withAttributes(Map.of("major", "IPA")))));
        assertEquals(List.of(BUDI), numbers(history.search(HistoryQuery.all(50).withAttributes(Map.of("major", "IPA"))
                .withDirection(HistoryQuery.OUT).withStatuses(Set.of("SENT")))));
    }

    @Test
    void wildcardsInASearchMeanThemselves() {
        // "100%" is in Budi's inbound text; "100_" in his outbound one; a bare "%" or "_" must not match everything
        assertEquals(List.of("in"), directions(history.search(HistoryQuery.all(50).withText("100%"))));
        assertEquals(List.of("out"), directions(history.search(HistoryQuery.all(50).withText("100_"))));
        assertEquals(2, history.search(HistoryQuery.all(50).withText("%")).total() + history.search(
                HistoryQuery.all(50).withText("_")).total());
        assertEquals(List.of(SITI, SITI), numbers(history.search(HistoryQuery.all(50).withName("i_R"))));
        assertEquals(0, history.search(HistoryQuery.all(50).withName("Budi_")).total());
        assertEquals(0, history.search(HistoryQuery.all(50).withText("\\")).total());
        assertEquals(0, history.search(HistoryQuery.all(50).withText("'; DROP TABLE contact; --")).total());
    }

    @Test
    void aDirectionIsInOrOut() {
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.all(5).withDirection("sideways"));
    }

    private static List<String> numbers(HistoryPage page) {
        return numbers(page.items());
    }

    private static List<String> numbers(List<HistoryItem> items) {
        return items.stream().map(HistoryItem::number).toList();
    }

    private static List<String> directions(HistoryPage page) {
        return page.items().stream().map(HistoryItem::direction).toList();
    }

    private void sql(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            ps.executeUpdate();
        }
    }
}
