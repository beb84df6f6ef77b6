package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.auth.ApiKeyStore;
import org.switchboard.auth.Role;
import org.switchboard.auth.UserStore;
import org.switchboard.calls.CallStore;
import org.switchboard.smpp.SmppAccountStore;
import org.switchboard.store.TestDatabaseExtension;

/** {@code switchboard users ...} and {@code keys ...} run in this JVM on a test database, as a shell would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private CliRun run(String... args) {
        return CliRun.of(Map.of("switchboard.db.url", db.url()), args);
    }

    @Test
    void aUsersExtensionIsSetAndCleared() throws Exception {
        Path password = Files.writeString(dir.resolve("agent"), "agent password\n");
        assertEquals(0, run("users", "add", "agent7", "--password-file", password.toString()).exitCode());
        CliRun set = run("users", "extension", "agent7", "1007");
        assertEquals(0, set.exitCode(), set.err());
        assertTrue(set.out().contains("extension of agent7 is 1007"), set.out());
        CallStore calls = new CallStore(db.dataSource());
        assertEquals("1007", calls.extensionOf("agent7").orElseThrow());
        CliRun bad = run("users", "extension", "agent7", "10 07");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("not an extension"), bad.err());
        assertEquals(1, run("users", "extension", "nobody", "1001").exitCode());
        assertEquals(0, run("users", "extension", "agent7").exitCode());
        assertTrue(calls.extensionOf("agent7").isEmpty(), "cleared");
    }

    @Test
    void usersAreAddedListedAndTheirPasswordsChanged() throws Exception {
        Path first = Files.writeString(dir.resolve("first"), "first password\n");
        CliRun add = run("users", "add", "Siti", "--role", "admin", "--password-file", first.toString());
        assertEquals(0, add.exitCode(), add.err());
        assertTrue(add.out().contains("user siti added (admin)"), add.out());
        UserStore users = new UserStore(db.dataSource());
        assertEquals(Role.ADMIN, users.check("siti", "first password").orElseThrow().role());

        CliRun list = run("users", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("siti") && list.out().contains("admin"), list.out());

        Path second = Files.writeString(dir.resolve("second"), "second password\nignored\n");
        CliRun passwd = run("users", "passwd", "siti", "--password-file", second.toString());
        assertEquals(0, passwd.exitCode(), passwd.err());
        assertTrue(users.check("siti", "first password").isEmpty());
        assertTrue(users.check("siti", "second password").isPresent());

        Path shortOne = Files.writeString(dir.resolve("short"), "short\n");
        CliRun tooShort = run("users", "add", "ani", "--password-file", shortOne.toString());
        assertEquals(1, tooShort.exitCode());
        assertTrue(tooShort.err().contains("at least 8"), tooShort.err());
        CliRun badRole = run("users", "add", "ani", "--role", "boss", "--password-file", first.toString());
        assertEquals(1, badRole.exitCode());
        assertTrue(badRole.err().contains("admin or staff"), badRole.err());
        assertEquals(1, run("users", "add", "siti", "--password-file", first.toString()).exitCode());
        CliRun nobody = run("users", "passwd", "nobody", "--password-file", second.toString());
        assertEquals(1, nobody.exitCode());
        assertTrue(nobody.err().contains("no user nobody"), nobody.err());
    }

    @Test
    void aKeyIsPrintedOnceListedWithoutItselfAndRevoked() {
        CliRun create = run("keys", "create", "kannel-app", "--role", "staff");
        assertEquals(0, create.exitCode(), create.err());
        String key = create.out().strip();
        assertTrue(key.startsWith(ApiKeyStore.PREFIX), create.out());
        assertTrue(create.err().contains("not shown again"), create.err());
        ApiKeyStore keys = new ApiKeyStore(db.dataSource());
        assertEquals("kannel-app", keys.findLive(key).orElseThrow().name());

        CliRun list = run("keys", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("kannel-app") && !list.out().contains(key), list.out());

        assertEquals(0, run("keys", "revoke", "kannel-app").exitCode());
        assertTrue(keys.findLive(key).isEmpty());
        assertTrue(run("keys", "list").out().contains("REVOKED"));
        CliRun again = run("keys", "revoke", "kannel-app");
        assertEquals(1, again.exitCode());
        assertFalse(again.err().isEmpty());
    }

    @Test
    void smppAccountsAreAddedListedGivenANewPasswordAndRemoved() {
        CliRun add = run("smpp", "accounts", "add", "quizapp", "--password", "s3cret", "--bind-types",
                "transmitter,receiver", "--source", "9123,INFO*", "--throughput", "50", "--max-binds", "2");
        assertEquals(0, add.exitCode(), add.err());
        assertTrue(add.out().contains("SMPP account quizapp added: transmitter+receiver, sources 9123,INFO*, 50/s,"
                + " 2 bind(s) at once"), add.out());
        CliRun list = run("smpp", "accounts", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().startsWith("quizapp "), list.out());
        assertFalse(list.out().contains("s3cret"));
        SmppAccountStore accounts = new SmppAccountStore(db.dataSource());
        assertTrue(accounts.check("quizapp", "s3cret") instanceof SmppAccountStore.Accepted);

        CliRun tooLong = run("smpp", "accounts", "add", "other", "--password", "ninechars");
        assertEquals(1, tooLong.exitCode());
        assertTrue(tooLong.err().contains("1 to 8 printable ASCII characters"), tooLong.err());
        CliRun taken = run("smpp", "accounts", "add", "quizapp", "--password", "x");
        assertEquals(1, taken.exitCode());
        assertTrue(taken.err().contains("already"), taken.err());

        assertEquals(0, run("smpp", "accounts", "passwd", "quizapp", "--password", "n3w").exitCode());
        assertTrue(accounts.check("quizapp", "n3w") instanceof SmppAccountStore.Accepted);
        assertEquals(0, run("smpp", "accounts", "remove", "quizapp").exitCode());
        CliRun gone = run("smpp", "accounts", "remove", "quizapp");
        assertEquals(1, gone.exitCode());
        assertTrue(gone.err().contains("no SMPP account quizapp"), gone.err());
    }

    @Test
    void moRulesAreAddedReplacedListedAndRemoved() {
        CliRun add = run("mo", "rules", "add", "quiz", "--short-code", "9123", "--keyword", "REG,daftar", "--url",
                "http://quiz.example/mo?from=%p&text=%a", "--reply");
        assertEquals(0, add.exitCode(), add.err());
        assertTrue(add.out().contains("MO rule quiz saved: to 9123, first word REG|DAFTAR -> GET"
                + " http://quiz.example/mo?from=%p&text=%a, answer replied, priority 100"), add.out());
        assertEquals(0, run("mo", "rules", "add", "bank", "--keyword", "SALDO", "--smpp", "bankapp").exitCode());
        CliRun replaced = run("mo", "rules", "add", "quiz", "--short-code", "9123", "--keyword", "REG", "--url",
                "http://quiz.example/v2", "--post");
        assertEquals(0, replaced.exitCode(), replaced.err());
        CliRun list = run("mo", "rules", "list");
        assertTrue(list.out().startsWith("bank "), list.out());
        assertTrue(list.out().contains("POST http://quiz.example/v2"), list.out());
        CliRun bad = run("mo", "rules", "add", "bad", "--pattern", "([", "--url", "http://x");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("pattern is no regular expression"), bad.err());
        CliRun both = run("mo", "rules", "add", "x", "--url", "http://x", "--smpp", "app");
        assertEquals(2, both.exitCode(), "a URL or an account, not both");
        assertEquals(0, run("mo", "rules", "remove", "quiz").exitCode());
        assertEquals(1, run("mo", "rules", "remove", "quiz").exitCode());
    }
}
