package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.broadcast.Plan.MissingPlaceholder;
import org.switchboard.broadcast.Plan.Planned;
import org.switchboard.broadcast.Plan.Recipient;
import org.switchboard.broadcast.Plan.Refused;
import org.switchboard.broadcast.Plan.Sample;
import org.switchboard.channel.modem.GsmParts;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewInbound;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.TestDatabaseExtension;

/** Planning on a real PostgreSQL: who is left out, what is stored, refusals that store nothing, hold and confirm. */
class BroadcastPlannerTest {

    private static final String STAFF = "guru@school.example";
    private static final Map<String, String> SMA1 = Map.of("school", "SMA 1");

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private BroadcastFixtures fx;
    private BroadcastPlanner planner;
    private BroadcastStore store;

    @BeforeEach
    void contacts() {
        fx = new BroadcastFixtures(db.dataSource());
        fx.emptyTables();
        planner = new BroadcastPlanner(db.dataSource(), new PhoneNumbers("ID"), new GsmParts());
        store = new BroadcastStore(db.dataSource());
        fx.contact("+6281200000001", "Budi Santoso", Map.of("school", "SMA 1", "major", "IPA"));
        fx.contact("+6281200000002", "Siti Aminah", Map.of("school", "SMA 1", "major", "IPS"));
        fx.contact("+6281200000003", "Ani", Map.of("school", "SMA 1", "major", "IPA"));
        fx.optOut("+6281200000003");
        // the e164 domain takes it, libphonenumber does not: no such Indonesian number
        fx.contact("+620000000", "Nomor Salah", Map.of("school", "SMA 1", "major", "IPA"));
        // the same number as the first contact once the national 0 after +62 is dropped
        fx.contact("+62081200000001", "Budi Lagi", Map.of("school", "SMA 1", "major", "IPA"));
        fx.contact("+6281200000006", "Lain Sekolah", Map.of("school", "SMA 2", "major", "IPA"));
        fx.contact("+6281200000007", "Dewi Lestari", Map.of("school", "SMA 1"));
    }

    private BroadcastRequest request(String sourceRef, Map<String, String> filter, String template, boolean hold) {
        return new BroadcastRequest(STAFF, BroadcastRequest.SOURCE_EMAIL, sourceRef, null, filter, template, hold);
    }

    @Test
    void storesOneSmsPerValidNumberAndCountsWhoIsLeftOut() {
        Plan plan = planner.plan(request("<req-1@mail>", SMA1, "Halo {first_name}, info {school}.", false));

        Planned p = assertInstanceOf(Planned.class, plan, () -> plan.toString());
        assertEquals(3, p.recipients());
        assertEquals(1, p.optedOut());
        assertEquals(1, p.invalid());
        assertEquals(1, p.duplicates());
        assertEquals(3, p.totalParts());
        assertEquals(1, p.maxParts());
        assertFalse(p.existing());
        assertEquals(List.of(new Sample("+6281200000001", "Budi Santoso", "Halo Budi, info SMA 1.", 1),
                new Sample("+6281200000002", "Siti Aminah", "Halo Siti, info SMA 1.", 1),
                new Sample("+6281200000007", "Dewi Lestari", "Halo Dewi, info SMA 1.", 1)), p.samples());

        assertEquals(3, fx.count("SELECT count(*) FROM outbound_sms WHERE broadcast_id = ? AND status = 'PENDING'"
                + " AND lane = 1 AND source = 'broadcast' AND requested_by = ? AND parts = 1", p.broadcastId(), STAFF));
        assertEquals(1, fx.count("SELECT count(*) FROM outbound_sms WHERE recipient = '+6281200000001'"
                + " AND text = 'Halo Budi, info SMA 1.'"));

        Broadcast b = store.find(p.broadcastId()).orElseThrow();
        assertEquals(BroadcastStatus.SENDING, b.status());
        assertNotNull(b.confirmedAt());
        assertEquals(SMA1, b.filter());
        assertEquals("<req-1@mail>", b.sourceRef());
        assertEquals(List.of(3, 1, 1, 1, 3L), List.of(b.recipients(), b.optedOut(), b.invalid(), b.duplicates(),
                b.parts()));
    }

    @Test
    void aContactMatchesWhenItHasEveryPairOfTheFilter() {
        Planned p = (Planned) planner.plan(request(null, Map.of("school", "SMA 1", "major", "IPA"), "Halo {name}", false));
        assertEquals(List.of(1, 1, 1, 1), List.of(p.recipients(), p.optedOut(), p.invalid(), p.duplicates()));
        assertEquals("Halo Budi Santoso", p.samples().get(0).text());
    }

    @Test
    void countsTheSmsPartsOfEachMessage() {
        fx.contact("+6281200000008", "Panjang", Map.of("school", "SMA 3", "note", "x".repeat(200)));
        fx.contact("+6281200000009", "Pendek", Map.of("school", "SMA 3", "note", "y"));
        Planned p = (Planned) planner.plan(request(null, Map.of("school", "SMA 3"), "{note}", false));
        assertEquals(2, p.recipients());
        assertEquals(3, p.totalParts());
        assertEquals(2, p.maxParts());
    }

    @Test
    void aRecipientWithoutTheAttributeRefusesTheWholeBroadcastAndStoresNothing() {
        Plan plan = planner.plan(request("<req-2@mail>", SMA1, "Halo {name}, jurusan {major}", true));

        Refused r = assertInstanceOf(Refused.class, plan, () -> plan.toString());
        // Dewi lacks a major; the opted-out and invalid contacts do not count, they would get nothing anyway
        assertEquals(List.of(new MissingPlaceholder("major", 1, List.of(new Recipient("+6281200000007", "Dewi Lestari")))),
                r.missing());
        assertTrue(r.reason().contains("{major}"), r.reason());
        assertEquals(0, fx.count("SELECT count(*) FROM broadcast"));
        assertEquals(0, fx.count("SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void aRefusalCountsEveryoneLackingAndNamesAtMostThree() {
        for (int i = 10; i < 16; i++) {
            fx.contact("+62812000000" + i, i % 2 == 0 ? null : "Tanpa Kelas " + i, Map.of("school", "SMA 1"));
        }
        Refused r = (Refused) planner.plan(request(null, SMA1, "{first_name} {major}", false));
        assertEquals(List.of("major", "first_name"), r.missing().stream().map(MissingPlaceholder::placeholder).toList());
        assertEquals(7, r.missing().get(0).recipients());
        assertEquals(3, r.missing().get(0).examples().size());
        assertEquals(3, r.missing().get(1).recipients());
        assertEquals(new Recipient("+6281200000010", null), r.missing().get(1).examples().get(0));
        assertEquals(0, fx.count("SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void aBrokenTemplateOrNoRecipientIsRefused() {
        Refused brace = (Refused) planner.plan(request(null, SMA1, "Halo {name", false));
        assertTrue(brace.reason().contains("'{'"), brace.reason());
        Refused nobody = (Refused) planner.plan(request(null, Map.of("school", "SMA 9"), "Halo", false));
        assertTrue(nobody.reason().startsWith("no recipient"), nobody.reason());
        fx.contact("+6281200000088", "Keluar", Map.of("school", "SMA 8"));
        fx.optOut("+6281200000088");
        fx.contact("+620000001", "Salah", Map.of("school", "SMA 8"));
        Refused leftOut = (Refused) planner.plan(request(null, Map.of("school", "SMA 8"), "Halo", false));
        assertEquals("no recipient: 2 contact(s) match the filter, 1 opted out and 1 with an invalid number",
                leftOut.reason());
        assertEquals(0, fx.count("SELECT count(*) FROM broadcast"));
    }

    @Test
    void aMessageTooLongForAnSmsRefusesTheBroadcast() {
        fx.contact("+6281200000020", "Roman", Map.of("school", "SMA 4", "note", "x".repeat(40_000)));
        Refused r = (Refused) planner.plan(request(null, Map.of("school", "SMA 4"), "{note}", false));
        assertTrue(r.reason().contains("does not fit in SMS"), r.reason());
        assertEquals(0, fx.count("SELECT count(*) FROM broadcast"));
    }

    @Test
    void heldUntilConfirmedOnceThenCancelledWithoutTouchingWhatWentOut() {
        Planned p = (Planned) planner.plan(request("<req-3@mail>", SMA1, "Halo {name}", true));
        long id = p.broadcastId();
        Broadcast held = store.find(id).orElseThrow();
        assertEquals(BroadcastStatus.AWAITING_CONFIRMATION, held.status());
        assertNull(held.confirmedAt());
        assertEquals(3, store.progress(id).held());

        assertTrue(store.confirm(id));
        assertFalse(store.confirm(id), "a second YES changes nothing");
        Broadcast sending = store.find(id).orElseThrow();
        assertEquals(BroadcastStatus.SENDING, sending.status());
        assertNotNull(sending.confirmedAt());
        assertEquals(new Progress(0, 3, 0, 0, 0, 0, 0, 0), store.progress(id));

        fx.sql("UPDATE outbound_sms SET status = 'SENDING', claimed_at = now() WHERE recipient = '+6281200000001'");
        fx.sql("UPDATE outbound_sms SET status = 'SENT', sent_at = now() WHERE recipient = '+6281200000002'");
        assertTrue(store.cancel(id));
        assertFalse(store.cancel(id));
        assertFalse(store.confirm(id));
        assertEquals(BroadcastStatus.CANCELLED, store.find(id).orElseThrow().status());
        assertEquals(new Progress(0, 0, 1, 1, 0, 0, 1, 0), store.progress(id));
    }

    @Test
    void aHeldBroadcastCanBeCancelledBeforeConfirmation() {
        long id = ((Planned) planner.plan(request(null, SMA1, "Halo", true))).broadcastId();
        assertTrue(store.cancel(id));
        assertFalse(store.confirm(id));
        assertEquals(new Progress(0, 0, 0, 0, 0, 0, 3, 0), store.progress(id));
    }

    @Test
    void theSameRequestPlannedTwiceIsOneBroadcast() {
        Planned first = (Planned) planner.plan(request("<req-4@mail>", SMA1, "Halo {first_name}", true));
        Planned again = (Planned) planner.plan(request("<req-4@mail>", SMA1, "Halo {first_name}", true));

        assertTrue(again.existing());
        assertEquals(first.broadcastId(), again.broadcastId());
        assertEquals(List.of(first.recipients(), first.optedOut(), first.invalid(), first.duplicates()),
                List.of(again.recipients(), again.optedOut(), again.invalid(), again.duplicates()));
        assertEquals(first.totalParts(), again.totalParts());
        assertEquals(first.maxParts(), again.maxParts());
        assertEquals(first.samples(), again.samples());
        assertEquals(1, fx.count("SELECT count(*) FROM broadcast"));
        assertEquals(3, fx.count("SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void everyContactWhenTheFilterIsEmptyAndBatchesBeyondAThousand() {
        fx.script("INSERT INTO contact (number, name, attributes)"
                + " SELECT '+62813' || lpad(g::text, 8, '0'), 'Murid ' || g, '{\"school\": \"SMA 5\"}'"
                + " FROM generate_series(1, 2500) g");
        Planned p = (Planned) planner.plan(request(null, Map.of(), "Halo {name} {school}", false));
        assertEquals(2504, p.recipients());
        assertEquals(1, p.duplicates());
        assertEquals(2504, fx.count("SELECT count(DISTINCT recipient) FROM outbound_sms WHERE broadcast_id = ?",
                p.broadcastId()));
    }

    @Test
    void aStopAfterPlanningCancelsThatRecipientsBroadcastSmsButNotASingleReply() throws Exception {
        Planned p = assertInstanceOf(Planned.class,
                planner.plan(request("<req-stop@mail>", SMA1, "Halo {first_name}.", true)));
        MessageStore messages = new MessageStore(db.dataSource());
        messages.storeOutbound(new NewOutbound("+6281200000002", "Balasan staf", "email-reply", "<r-stop@mail>", STAFF));

        messages.storeInbound(new NewInbound("modems", "gsm1", "+6281200000002", "STOP", 1, false, OffsetDateTime.now()));

        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT broadcast_id, status, error FROM outbound_sms"
                        + " WHERE recipient = '+6281200000002' ORDER BY id")) {
            assertTrue(rs.next());
            assertEquals(p.broadcastId(), rs.getLong(1));
            assertEquals("CANCELLED", rs.getString(2));
            assertTrue(rs.getString(3).contains("opted out"), rs.getString(3));
            assertTrue(rs.next());
            assertEquals("PENDING", rs.getString(2), "the staff's own reply still goes");
        }
        assertTrue(store.confirm(p.broadcastId()));
        assertEquals(1, store.progress(p.broadcastId()).cancelled());
    }
}
