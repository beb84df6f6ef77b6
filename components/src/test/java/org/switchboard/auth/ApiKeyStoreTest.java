package org.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;

/** API keys on a real PostgreSQL: shown once, kept as a digest, revoked for good. */
class ApiKeyStoreTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private ApiKeyStore keys;

    @BeforeEach
    void emptyTables() {
        db.truncate("api_key");
        keys = new ApiKeyStore(db.dataSource());
    }

    @Test
    void aCreatedKeyIsFoundByItselfAndStoredOnlyAsItsDigest() throws SQLException {
        ApiKeyStore.CreatedKey created = keys.create("PlaySMS", Role.STAFF, "admin");
        assertTrue(created.key().startsWith(ApiKeyStore.PREFIX));
        assertTrue(created.key().length() >= 40, created.key());
        assertEquals("playsms", created.info().name());
        assertEquals("admin", created.info().createdBy());
        assertEquals(created.info(), keys.findLive(created.key()).orElseThrow());
        assertTrue(keys.findLive(created.key() + "x").isEmpty());
        assertTrue(keys.findLive("not a key").isEmpty());
        assertTrue(keys.findLive(null).isEmpty());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT key_sha256 FROM api_key")) {
            assertTrue(rs.next());
            assertEquals(Digests.sha256Hex(created.key()), rs.getString(1));
        }
        assertNotEquals(created.key(), keys.create("other", Role.STAFF, "admin").key());
    }

    @Test
    void aRevokedKeyNoLongerWorksButStaysListedAndItsNameMayBeReused() {
        ApiKeyStore.CreatedKey old = keys.create("kannel", Role.STAFF, "admin");
        assertThrows(IllegalArgumentException.class, () -> keys.create("kannel", Role.ADMIN, "admin"));
        assertTrue(keys.revoke("KANNEL"));
        assertFalse(keys.revoke("kannel"));
        assertTrue(keys.findLive(old.key()).isEmpty());
        ApiKeyStore.CreatedKey renewed = keys.create("kannel", Role.ADMIN, "admin");
        assertEquals(Role.ADMIN, keys.findLive(renewed.key()).orElseThrow().role());
        List<ApiKey> listed = keys.list();
        assertEquals(2, listed.size());
        assertTrue(listed.get(0).revoked());
        assertFalse(listed.get(1).revoked());
        assertFalse(keys.revoke("no such key"));
        assertFalse(keys.revoke("bad name!"));
    }
}
