package org.switchboard.contacts;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * CSV import speed and memory: an admissions list of N rows (default 100,000, 1% invalid) imported into a fresh
 * database on 127.0.0.1:5432, then again unchanged, then with one more attribute for everyone; and reading alone, to
 * show the split between libphonenumber and PostgreSQL. Prints; asserts nothing.
 * {@code ./bench contacts [ROWS]}.
 */
public final class ContactImportBench {
    private ContactImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path file = Files.createTempFile("contacts-", ".csv");
        try (TestDatabase db = TestDatabases.create()) {
            ContactCsvFixtures.write(file, rows, rows / 100, 1);
            // ./bench runs this with -Xmx64m: the import streams, so the heap does not grow with the file.
            System.out.printf("contacts: %,d rows, %.1f MB of CSV, max heap %,d MB%n", rows, Files.size(file) / 1e6,
                    Runtime.getRuntime().maxMemory() >> 20);
            ContactStore store = new ContactStore(db.dataSource());
            long start0 = System.nanoTime();
            ImportReport parsed;
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                parsed = new ContactCsvImport(new PhoneNumbers("ID")).run(r, batch -> Map.of());
            }
            double parseSeconds = (System.nanoTime() - start0) / 1e9;
            System.out.printf("  reading the CSV and its numbers alone (no database, cold JVM): %.2f s, %,.0f rows/s%n",
                    parseSeconds, parsed.rowsRead() / parseSeconds);
            for (String run : new String[] { "first import (inserts)", "the same file again (nothing changes)",
                "a changed file (every contact updated)" }) {
                ImportReport report;
                if (run.startsWith("a changed")) {
                    // the last column under a new name: one more attribute for every contact
                    Files.writeString(file, Files.readString(file).replaceFirst("graduation_year", "intake"));
                }
                long start = System.nanoTime();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    report = store.importCsv(r, "ID");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("  %s: %.2f s, %,.0f rows/s; created %,d, updated %,d, unchanged %,d, rejected %,d%n",
                        run, seconds, report.rowsRead() / seconds, report.created(), report.updated(), report.unchanged(),
                        report.rejected().size());
            }
            long start = System.nanoTime();
            long n = store.count(ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA; graduation_year=2018"));
            System.out.printf("  count by a 3-attribute filter: %,d contacts in %.1f ms%n", n,
                    (System.nanoTime() - start) / 1e6);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
