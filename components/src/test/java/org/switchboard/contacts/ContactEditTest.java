package org.switchboard.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** One contact edited as a merge patch, and opt-outs taken back, on a real PostgreSQL. */
class ContactEditTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private ContactStore store;
    private Contact budi;
    private Contact siti;

    @BeforeEach
    void contacts() {
        TestDatabases.truncateAll(db.dataSource());
        store = new ContactStore(db.dataSource());
        store.importCsv(new StringReader("name,phone,school,major\nBudi,081200000001,SMA N 1,IPA\nSiti,081200000002,SMA N 2,IPS\n"),
                "ID");
        budi = store.find("+6281200000001").orElseThrow();
        siti = store.find("+6281200000002").orElseThrow();
    }

    @Test
    void onlyWhatTheEditNamesChanges() {
        Contact edited = store.edit(budi.id(), new ContactEdit(false, null, "+6281299999999",
                Map.of("graduation_year", "2018"), Set.of("major"))).orElseThrow();
        assertEquals("Budi", edited.name());
        assertEquals("+6281299999999", edited.number());
        assertEquals(Map.of("school", "SMA N 1", "graduation_year", "2018"), edited.attributes());
        Contact renamed = store.edit(budi.id(), new ContactEdit(true, null, null, Map.of(), Set.of())).orElseThrow();
        assertNull(renamed.name());
        assertEquals(edited.attributes(), renamed.attributes());
        assertEquals(renamed, store.findById(budi.id()).orElseThrow());
        assertTrue(store.edit(424242, new ContactEdit(true, "x", null, Map.of(), Set.of())).isEmpty());
    }

    @Test
    void aNumberIsOneContacts() {
        NumberTakenException e = assertThrows(NumberTakenException.class, () -> store.edit(budi.id(),
                new ContactEdit(true, "Budi Baru", siti.number(), Map.of(), Set.of())));
        assertEquals(siti.id(), e.otherContact());
        assertEquals("Budi", store.findById(budi.id()).orElseThrow().name(), "nothing of a refused edit is kept");
        assertThrows(IllegalArgumentException.class, () -> store.edit(budi.id(),
                new ContactEdit(false, null, "0812", Map.of(), Set.of())));
    }

    @Test
    void anOptOutTakenBack() {
        store.optOut(budi.number(), "API");
        assertTrue(store.findById(budi.id()).orElseThrow().optedOut());
        assertTrue(store.optIn(budi.number()));
        assertFalse(store.findById(budi.id()).orElseThrow().optedOut());
        assertFalse(store.optIn(budi.number()));
    }
}
