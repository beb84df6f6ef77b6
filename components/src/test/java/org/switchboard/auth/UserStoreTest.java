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

/** Users and their bcrypt-hashed passwords on a real PostgreSQL. */
class UserStoreTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private UserStore users;

    @BeforeEach
    void emptyTables() {
        db.truncate("app_user");
        users = new UserStore(db.dataSource());
    }

    @Test
    void addedUsersSignInWithTheirPasswordOnly() {
        User budi = users.add(" Budi ", Role.STAFF, "correct horse");
        assertEquals("budi", budi.name());
        assertEquals(Role.STAFF, budi.role());
        assertEquals(budi, users.check("BUDI", "correct horse").orElseThrow());
        assertTrue(users.check("budi", "correct horsE").isEmpty());
        assertTrue(users.check("nobody", "correct horse").isEmpty());
        assertTrue(users.check("bad name!", "correct horse").isEmpty());
        assertTrue(users.check("budi", null).isEmpty());
    }

    @Test
    void onlyABcryptHashIsStored() throws SQLException {
        users.add("siti", Role.ADMIN, "s3cret-password");
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT password_hash FROM app_user WHERE name = 'siti'")) {
            assertTrue(rs.next());
            String hash = rs.getString(1);
            assertTrue(hash.startsWith("$2a$" + UserStore.COST + "$"), hash);
            assertFalse(hash.contains("s3cret"));
        }
    }

    @Test
    void aChangedPasswordReplacesTheOldOne() {
        User before = users.add("budi", Role.STAFF, "first password");
        assertTrue(users.setPassword("Budi", "second password"));
        assertTrue(users.check("budi", "first password").isEmpty());
        User after = users.check("budi", "second password").orElseThrow();
        assertFalse(after.passwordChangedAt().isBefore(before.passwordChangedAt()));
        assertFalse(users.setPassword("nobody", "second password"));
    }

    @Test
    void badNamesPasswordsAndDuplicatesAreRefused() {
        users.add("budi", Role.STAFF, "long enough");
        assertThrows(IllegalArgumentException.class, () -> users.add("BUDI", Role.ADMIN, "long enough"));
        assertThrows(IllegalArgumentException.class, () -> users.add("-budi", Role.STAFF, "long enough"));
        assertThrows(IllegalArgumentException.class, () -> users.add("bu di", Role.STAFF, "long enough"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> users.add("ani", Role.STAFF, "short"))
                .getMessage().contains("at least"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> users.add("ani", Role.STAFF, "x".repeat(73)))
                .getMessage().contains("72"));
        assertThrows(IllegalArgumentException.class, () -> users.setPassword("budi", "short"));
        assertEquals(List.of("budi"), users.list().stream().map(User::name).toList());
    }

    @Test
    void ensureCreatesTheAdminThenKeepsItsPasswordAndRoleAsGiven() {
        User first = users.ensure("admin", Role.ADMIN, "pw");
        assertEquals(Role.ADMIN, first.role());
        assertTrue(users.check("admin", "pw").isPresent());
        // same password: nothing changes
        assertEquals(first.passwordChangedAt(), users.ensure("admin", Role.ADMIN, "pw").passwordChangedAt());
        // the environment's password changed: the stored one follows
        users.ensure("admin", Role.ADMIN, "another");
        assertTrue(users.check("admin", "pw").isEmpty());
        assertTrue(users.check("admin", "another").isPresent());
        users.add("boss", Role.STAFF, "long enough");
        assertEquals(Role.ADMIN, users.ensure("boss", Role.ADMIN, "long enough").role());
        assertNotEquals(0, users.list().size());
    }
}
