package org.switchboard.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

class SmppAccountStoreTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private SmppAccountStore accounts;

    @BeforeEach
    void empty() {
        TestDatabases.truncateAll(db.dataSource());
        accounts = new SmppAccountStore(db.dataSource());
    }

    @Test
    void anAccountBindsWithItsPasswordOnlyAndItsSystemIdExactly() {
        accounts.add(NewSmppAccount.of("BankApp", "s3cret"), "test");
        SmppAccountStore.Accepted ok = assertInstanceOf(SmppAccountStore.Accepted.class,
                accounts.check("BankApp", "s3cret"));
        assertEquals(Set.of(BindKind.values()), ok.account().bindKinds());
        assertInstanceOf(SmppAccountStore.WrongPassword.class, accounts.check("BankApp", "wrong"));
        assertInstanceOf(SmppAccountStore.WrongPassword.class, accounts.check("BankApp", null));
        assertInstanceOf(SmppAccountStore.UnknownSystemId.class, accounts.check("bankapp", "s3cret"));
        assertInstanceOf(SmppAccountStore.UnknownSystemId.class, accounts.check("", "s3cret"));
    }

    @Test
    void whatSmppCannotCarryIsRefusedAtCreation() {
        assertThrows(IllegalArgumentException.class, () -> accounts.add(NewSmppAccount.of("a-system-id-too-long",
                "pw"), "t"));
        assertThrows(IllegalArgumentException.class, () -> accounts.add(NewSmppAccount.of("app", "ninechars"), "t"));
        assertThrows(IllegalArgumentException.class, () -> accounts.add(NewSmppAccount.of("app", "has space"), "t"));
        accounts.add(NewSmppAccount.of("app", "pw"), "t");
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> accounts.add(NewSmppAccount.of("app", "pw2"), "t"));
        assertTrue(taken.getMessage().contains("already"));
    }

    @Test
    void limitsAndSourcesAreKeptListedAndTheAccountRemoved() {
        accounts.add(new NewSmppAccount("poll", "pw", Set.of(BindKind.TRANSMITTER), List.of("9123", "INFO*"), 50, 2),
                "admin");
        SmppAccount a = accounts.find("poll").orElseThrow();
        assertEquals(Set.of(BindKind.TRANSMITTER), a.bindKinds());
        assertEquals(50, a.throughput());
        assertEquals(2, a.maxBinds());
        assertEquals("admin", a.createdBy());
        assertTrue(a.allowsSource("9123"));
        assertTrue(a.allowsSource("INFOBANK"));
        assertFalse(a.allowsSource("9124"));
        assertFalse(a.allowsSource(""));
        assertEquals(List.of("poll"), accounts.list().stream().map(SmppAccount::systemId).toList());
        assertTrue(accounts.setPassword("poll", "new"));
        assertInstanceOf(SmppAccountStore.Accepted.class, accounts.check("poll", "new"));
        assertTrue(accounts.remove("poll"));
        assertFalse(accounts.remove("poll"));
        assertTrue(accounts.find("poll").isEmpty());
    }
}
