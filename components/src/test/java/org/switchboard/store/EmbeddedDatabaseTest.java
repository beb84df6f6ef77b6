package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-set-up default: an embedded PostgreSQL whose data survives a restart. Takes 6 to 25 s. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void anEmbeddedDatabaseKeepsItsRowsAcrossRestarts() {
        Path data = dir.resolve("postgres");
        long id;
        try (Database db = Database.open(DatabaseSettings.embedded(data))) {
            assertTrue(db.embedded());
            assertTrue(db.describe().startsWith("embedded PostgreSQL on 127.0.0.1:"), db.describe());
            assertTrue(db.describe().contains(data.toString()), db.describe());
            id = new MessageStore(db.dataSource())
                    .storeInbound(new NewInbound("modem1", "+6281234567890", "survives", 1, false, OffsetDateTime.now()))
                    .id();
        }
        try (Database again = Database.open(DatabaseSettings.embedded(data))) {
            MessageStore store = new MessageStore(again.dataSource());
            assertEquals("survives", store.inbound(id).orElseThrow().text());
        }
    }

    @Test
    void aConfiguredUrlIsDescribedWithoutItsPassword() {
        try (TestDatabases.TestDatabase test = TestDatabases.create()) {
            String described = test.database().describe();
            assertFalse(test.database().embedded());
            assertTrue(described.startsWith("PostgreSQL at jdbc:postgresql://"), described);
        }
        assertEquals("jdbc:postgresql://h/db", Database.withoutQuery("jdbc:postgresql://h/db?password=secret"));
        assertFalse(new DatabaseSettings("jdbc:postgresql://h/db", "u", "secret", null, 0).toString().contains("secret"));
    }
}
