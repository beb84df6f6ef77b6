package org.switchboard.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;

/** Mailbox owners from settings entries and from contacts' attributes (real PostgreSQL). */
class MailboxOwnersTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    @BeforeAll
    static void addContacts() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO contact (number, name, attributes) VALUES"
                    + " ('+6281100000002', 'Sari', '{\"voicemail_mailbox\": \"1002\", \"email\": \"sari@switchboard.local\"}'),"
                    + " ('+6281100000003', 'Budi', '{\"voicemail_mailbox\": \"1003\"}'),"
                    + " ('+6281100000004', 'Ani', '{\"voicemail_mailbox\": \"1001\", \"email\": \"ani@switchboard.local\"}'),"
                    + " ('+6281100000005', 'Dewi', '{\"voicemail_mailbox\": \"1005\", \"email\": \"not an address\"}')");
        }
    }

    @Test
    void aSettingsEntryWithEmailOnly() {
        MailboxOwner o = MailboxOwners.parse("1001", "helpdesk@switchboard.local");
        assertEquals(Optional.of("helpdesk@switchboard.local"), o.emailAddress());
        assertEquals(Optional.empty(), o.sms());
    }

    @Test
    void aSettingsEntryWithEmailAndSms() {
        MailboxOwner o = MailboxOwners.parse("1001", "helpdesk@switchboard.local, +6281100000001");
        assertEquals("helpdesk@switchboard.local", o.email());
        assertEquals(Optional.of("+6281100000001"), o.sms());
        assertEquals("settings", o.source());
    }

    @Test
    void malformedEntriesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MailboxOwners.parse("1001", "helpdesk@switchboard.local, 081100000001"));
        assertTrue(e.getMessage().startsWith("switchboard.voicemail.mailbox.1001: not an E.164 number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MailboxOwners.parse("1001", "helpdesk@"));
        assertThrows(IllegalArgumentException.class, () -> MailboxOwners.parse("1001", " "));
        assertThrows(IllegalArgumentException.class, () -> MailboxOwners.parse("../1001", "a@b.example"));
        assertThrows(IllegalArgumentException.class, () -> MailboxOwners.parse("1001", "a@b.example\r\nBcc: x@y.example"));
    }

    @Test
    void settingsComeBeforeContacts() {
        Map<String, MailboxOwner> configured = MailboxOwners.fromSettings(Map.of(
                "switchboard.voicemail.mailbox.1001", "helpdesk@switchboard.local, +6281100000001",
                "switchboard.voicemail.spool", "/var/spool/asterisk/voicemail"));
        assertEquals(1, configured.size());
        MailboxOwners owners = new MailboxOwners(configured, db.dataSource());
        assertEquals("helpdesk@switchboard.local", owners.owner("1001").orElseThrow().email());
    }

    @Test
    void aContactOwnsTheMailboxInItsAttributes() {
        MailboxOwners owners = new MailboxOwners(Map.of(), db.dataSource());
        MailboxOwner sari = owners.owner("1002").orElseThrow();
        assertEquals("sari@switchboard.local", sari.email());
        assertEquals(Optional.of("+6281100000002"), sari.sms());
        assertEquals("contact +6281100000002", sari.source());

        MailboxOwner budi = owners.owner("1003").orElseThrow();
        assertEquals(Optional.empty(), budi.emailAddress());
        assertEquals(Optional.of("+6281100000003"), budi.sms());

        assertEquals(Optional.empty(), owners.owner("1005").orElseThrow().emailAddress(), "a bad address is dropped");
    }

    @Test
    void anUnknownMailboxHasNoOwner() {
        assertEquals(Optional.empty(), new MailboxOwners(Map.of(), db.dataSource()).owner("4040"));
        assertEquals(Optional.empty(), new MailboxOwners(Map.of(), null).owner("1002"));
    }
}
