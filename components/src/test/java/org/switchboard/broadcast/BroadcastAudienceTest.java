package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.SegmentStore;
import org.switchboard.store.TestDatabaseExtension;

/** Whom an API broadcast goes to: a segment, narrowed by a filter, or the filter alone. */
class BroadcastAudienceTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private BroadcastAudience audience;

    @BeforeEach
    void segment() {
        new BroadcastFixtures(db.dataSource()).emptyTables();
        SegmentStore segments = new SegmentStore(db.dataSource());
        segments.save("sma1-2018", ContactFilter.parse("school=SMA N 1; graduation_year=2018"), null, "test");
        audience = new BroadcastAudience(segments);
    }

    @Test
    void aSegmentNarrowedByAFilter() {
        BroadcastAudience.Resolved r = audience.resolve("SMA1-2018", ContactFilter.parse("major=IPA"));
        assertEquals("sma1-2018", r.segment());
        assertEquals(Map.of("school", "SMA N 1", "graduation_year", "2018", "major", "IPA"), r.criteria());
        assertEquals("segment sma1-2018, narrowed to major = IPA", r.described());
        assertEquals(Map.of("major", "IPA"), audience.resolve(null, ContactFilter.parse("major=IPA")).criteria());
        assertEquals(Map.of(), audience.resolve(null, ContactFilter.parse("")).criteria());
        assertEquals("segment sma1-2018", audience.resolve("sma1-2018", ContactFilter.parse("")).described());
    }

    @Test
    void whatCannotBeMetIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> audience.resolve("sma1-2018", ContactFilter.parse("school=SMA N 2"))).getMessage()
                .contains("no contact can match both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> audience.resolve("nope", null)).getMessage()
                .contains("saved segments: sma1-2018"));
        assertThrows(IllegalArgumentException.class, () -> audience.resolve(null, null));
    }
}
