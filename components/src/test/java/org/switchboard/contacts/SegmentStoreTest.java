package org.switchboard.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.store.TestDatabaseExtension;

/** Saved segments on a real PostgreSQL. */
class SegmentStoreTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private SegmentStore segments;

    @BeforeEach
    void emptyTables() {
        db.truncate("segment");
        segments = new SegmentStore(db.dataSource());
    }

    @Test
    void savedFoundListedDeleted() {
        ContactFilter filter = ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA");
        Segment saved = segments.save("SMA1-IPA", filter, "IPA alumni of SMA N 1", "staff@switchboard.local");
        assertEquals("sma1-ipa", saved.name());
        assertEquals(filter, saved.filter());
        assertEquals("IPA alumni of SMA N 1", saved.description());
        assertEquals("staff@switchboard.local", saved.createdBy());
        assertEquals(saved, segments.find("Sma1-Ipa").orElseThrow());
        segments.save("alumni.2018", ContactFilter.parse("graduation_year=2018"), null, "admin");
        assertEquals(List.of("alumni.2018", "sma1-ipa"), segments.list().stream().map(Segment::name).toList());
        assertTrue(segments.delete("SMA1-IPA"));
        assertFalse(segments.delete("sma1-ipa"));
        assertTrue(segments.find("sma1-ipa").isEmpty());
        assertEquals(1, segments.list().size());
    }

    @Test
    void savingAgainReplacesFilterAndDescriptionAndKeepsTheCreator() {
        Segment first = segments.save("ipa", ContactFilter.parse("major=IPA"), "first", "staff@switchboard.local");
        Segment second = segments.save("IPA", ContactFilter.parse("major=IPA; graduation_year=2019"), "  ", "other@x");
        assertEquals(ContactFilter.parse("major=IPA; graduation_year=2019"), second.filter());
        assertNull(second.description());
        assertEquals("staff@switchboard.local", second.createdBy());
        assertEquals(first.createdAt(), second.createdAt());
        assertFalse(second.updatedAt().isBefore(first.updatedAt()));
        assertEquals(1, segments.list().size());
    }

    @Test
    void anEmptyFilterIsEveryone() {
        assertTrue(segments.save("everyone", ContactFilter.all(), null, null).filter().matchesAll());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "-ipa", ".ipa", "sma 1", "sma1@ipa", "ipa/2018", "sekolah-ñ",
        "a234567890123456789012345678901234567890123456789012345678901234" })
    void badNamesAreRefusedWithTheRule(String name) {
        InvalidSegmentNameException e = assertThrows(InvalidSegmentNameException.class,
                () -> segments.save(name, ContactFilter.all(), null, null));
        assertTrue(e.getMessage().contains("a-z, 0-9"), e.getMessage());
        assertTrue(segments.find(name).isEmpty());
        assertFalse(segments.delete(name));
    }

    @Test
    void theLongestNameFits() {
        String name = "a" + "b".repeat(62);
        assertEquals(name, segments.save(name, ContactFilter.all(), null, null).name());
    }
}
