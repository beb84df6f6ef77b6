package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.contacts.ContactCsvFixtures;
import org.switchboard.store.Database;
import org.switchboard.store.DatabaseSettings;
import org.switchboard.store.TestDatabaseExtension;

/** {@code switchboard contacts ...} and {@code segments ...} run in this JVM on a test database, as a shell would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private CliRun run(String... args) {
        return CliRun.of(Map.of("switchboard.db.url", db.url()), args);
    }

    @Test
    void importPrintsTheReportWithEveryRejectedLine() throws Exception {
        Path csv = ContactCsvFixtures.write(dir.resolve("admissions.csv"), 200, 3, 5);
        CliRun r = run("contacts", "import", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("200 row(s) read: 197 contact(s) created, 0 updated, 0 unchanged, 0 duplicate row(s) merged,"
                + " 3 rejected."), r.out());
        for (ContactCsvFixtures.Row bad : ContactCsvFixtures.rows(200, 3, 5).stream().filter(x -> x.e164() == null).toList()) {
            assertTrue(r.out().contains("line " + bad.line() + ": \"" + bad.phone() + "\""), r.out());
        }

        CliRun list = run("contacts", "list", "--filter", "school=SMA N 1 Yogyakarta; major=IPA", "--limit", "2");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("where major = IPA and school = SMA N 1 Yogyakarta"), list.out());
        assertTrue(list.out().contains("school=SMA N 1 Yogyakarta;"), list.out());
    }

    @Test
    void aFileThatCannotBeImportedIsAnErrorAndImportsNothing() throws Exception {
        CliRun missing = run("contacts", "import", dir.resolve("nothing.csv").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("cannot read"), missing.err());

        Path noPhone = Files.writeString(dir.resolve("no-phone.csv"), "name,school\nBudi,SMA\n");
        CliRun bad = run("contacts", "import", noPhone.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("no phone number column"), bad.err());

        Path latin1 = Files.write(dir.resolve("latin1.csv"),
                "name,phone\nJos\u00e9,081299990000\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun notUtf8 = run("contacts", "import", latin1.toString());
        assertEquals(1, notUtf8.exitCode());
        assertTrue(notUtf8.err().contains("--charset"), notUtf8.err());
        CliRun withCharset = run("contacts", "import", "--charset", "ISO-8859-1", latin1.toString());
        assertEquals(0, withCharset.exitCode(), withCharset.err());
        assertTrue(run("contacts", "list", "--limit", "1000").out().contains("+6281299990000   Jos\u00e9"));
    }

    @Test
    void segmentsSavedListedDeleted() {
        CliRun saved = run("segments", "save", "IPA-2018", "major=IPA; graduation_year=2018", "--description", "IPA, 2018");
        assertEquals(0, saved.exitCode(), saved.err());
        assertTrue(saved.out().startsWith("saved segment ipa-2018: graduation_year = 2018 and major = IPA"), saved.out());
        CliRun list = run("segments", "list");
        assertTrue(list.out().contains("ipa-2018"), list.out());
        assertTrue(list.out().contains("IPA, 2018"), list.out());
        assertEquals(0, run("segments", "delete", "ipa-2018").exitCode());
        CliRun again = run("segments", "delete", "ipa-2018");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("no segment named ipa-2018"), again.err());
        CliRun badName = run("segments", "save", "IPA 2018", "major=IPA");
        assertEquals(1, badName.exitCode());
        assertTrue(badName.err().contains("cannot be a segment name"), badName.err());
        CliRun badFilter = run("segments", "save", "ipa", "major IPA");
        assertEquals(1, badFilter.exitCode());
        assertTrue(badFilter.err().contains("has no '='"), badFilter.err());
        assertEquals(2, run("segments", "save", "only-a-name").exitCode()); // usage error
    }

    @Test
    void anUnreachableDatabaseIsExitCode3() {
        CliRun r = CliRun.of(Map.of("switchboard.db.url", "jdbc:postgresql://127.0.0.1:1/nothing"), "segments", "list");
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("cannot open the database"), r.err());
    }

    @Test
    void anEmbeddedDatabaseHeldByARunningHubIsNamedWithTheCurlCallThatDoesTheSame() throws Exception {
        Path data = dir.resolve("data/postgres");
        try (Database running = Database.open(new DatabaseSettings(null, null, null, data, 0))) {
            Map<String, String> settings = new HashMap<>(Map.of("switchboard.db.url", "",
                    "switchboard.db.embedded-dir", data.toString(), "switchboard.http.port", "8080"));
            Path csv = Files.writeString(dir.resolve("one.csv"), "name,phone\nBudi,081234567890\n");
            CliRun r = CliRun.of(settings, "contacts", "import", csv.toString());
            assertEquals(3, r.exitCode());
            assertTrue(r.err().contains("Stop the hub first"), r.err());
            assertTrue(r.err().contains("curl -u admin:$(cat " + dir.resolve("data/admin-password").toAbsolutePath()
                    + ") -H 'Content-Type: text/csv' --data-binary @" + csv + " http://127.0.0.1:8080/api/contacts/import"),
                    r.err());
            for (List<String> args : List.of(List.of("segments", "list"), List.of("contacts", "list"))) {
                assertEquals(3, CliRun.of(settings, args.toArray(String[]::new)).exitCode());
            }
        }
    }
}
