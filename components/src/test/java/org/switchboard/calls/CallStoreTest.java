package org.switchboard.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.Sql;
import org.switchboard.store.TestDatabaseExtension;

class CallStoreTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    @Test
    void aCallKeepsEveryStateWithItsTimeAndAFinalStateIsFinal() {
        CallStore store = new CallStore(db.dataSource());
        Call call = store.create("ami", "node-a", "admin", "1001", "+6281234567890");
        assertEquals(CallState.REQUESTED, call.state());
        Instant t = Instant.now();
        assertTrue(store.record(CallTransition.to(call.id(), CallState.AGENT_RINGING, "rings", t)));
        assertTrue(store.record(CallTransition.to(call.id(), CallState.CONNECTED, "answered", t.plusSeconds(5))));
        assertTrue(store.record(new CallTransition(call.id(), CallState.ENDED, CallCause.CUSTOMER_HUNG_UP, 16,
                "Hangup cause 16", t.plusSeconds(65))));
        assertFalse(store.record(CallTransition.failed(call.id(), CallCause.CONNECTION_LOST, null, "late", t
                .plusSeconds(70))), "a final call stays as it ended");
        Call stored = store.find(call.id()).orElseThrow();
        assertEquals(CallState.ENDED, stored.state());
        assertEquals(CallCause.CUSTOMER_HUNG_UP, stored.cause());
        assertEquals(16, stored.causeCode());
        assertEquals(Duration.ofSeconds(60), stored.talked());
        assertEquals(List.of(CallState.REQUESTED, CallState.AGENT_RINGING, CallState.CONNECTED, CallState.ENDED),
                stored.history().stream().map(Call.Change::state).toList());
    }

    @Test
    void callsAreListedNewestFirstByFilter() {
        CallStore store = new CallStore(db.dataSource());
        Call a = store.create("ami", "node-a", "alice", "2001", "+6281111111111");
        Call b = store.create("ami", "node-b", "bob", "2002", "+6281111111112");
        store.record(CallTransition.failed(b.id(), CallCause.AGENT_BUSY, 17, "busy", Instant.now()));
        List<Call> failed = store.list(new CallQuery(CallState.FAILED, "2002", null, null, null, null, null, 10));
        assertEquals(List.of(b.id()), failed.stream().map(Call::id).toList());
        assertEquals(List.of(a.id()), store.list(new CallQuery(null, null, "+6281111111111", "alice", null, null, null,
                10)).stream().map(Call::id).toList());
        assertEquals(List.of(a.id()), store.list(new CallQuery(null, null, null, null, null, null, b.id(), 10))
                .stream().filter(c -> c.id() >= a.id()).map(Call::id).toList(), "paged back before b");
        assertTrue(store.openOn("node-a").stream().anyMatch(c -> c.id() == a.id()));
        assertTrue(store.openOn("node-b").isEmpty(), "b failed: not open");
    }

    @Test
    void aUsersExtensionAndTheOptOutsAreRead() {
        CallStore store = new CallStore(db.dataSource());
        Sql.update(db.dataSource(), "user", "INSERT INTO app_user (name, role, password_hash) VALUES ('agent1',"
                + " 'staff', 'x')");
        assertTrue(store.extensionOf("agent1").isEmpty());
        assertTrue(store.setExtension("agent1", "1001"));
        assertEquals("1001", store.extensionOf("agent1").orElseThrow());
        assertFalse(store.setExtension("nobody", "1001"));
        assertThrows(IllegalArgumentException.class, () -> store.setExtension("agent1", "10 01"));
        Sql.update(db.dataSource(), "opt out", "INSERT INTO opt_out (number, keyword) VALUES ('+6281999999999',"
                + " 'STOP')");
        assertTrue(store.isOptedOut("+6281999999999"));
        assertFalse(store.isOptedOut("+6281999999998"));
    }
}
