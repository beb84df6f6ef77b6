package org.switchboard.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** CSV import, look-ups and filters on a real PostgreSQL. */
class ContactStoreTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private ContactStore store;

    @BeforeEach
    void emptyTables() {
        TestDatabases.truncateAll(db.dataSource());
        store = new ContactStore(db.dataSource());
    }

    private ImportReport importCsv(String csv) {
        return store.importCsv(new StringReader(csv), "ID");
    }

    private static void assertEveryRowAccountedFor(ImportReport r) {
        assertEquals(r.rowsRead(), r.created() + r.updated() + r.unchanged() + r.mergedDuplicates() + r.rejected().size(),
                r.toText());
    }

    @Test
    void importsContactsWithTheirAttributes() {
        ImportReport r = importCsv("Name,Phone,School,Major,Graduation Year\n"
                + "Budi Santoso,0812-3456-7890,SMA N 1 Yogyakarta,IPA,2018\n"
                + "Siti Rahayu,+62 813 1111 2222,SMA N 3 Yogyakarta,IPS,\n");
        assertEquals(2, r.rowsRead());
        assertEquals(2, r.created());
        assertEquals(0, r.updated());
        assertTrue(r.rejected().isEmpty());
        Contact budi = store.find("+6281234567890").orElseThrow();
        assertEquals("Budi Santoso", budi.name());
        assertEquals(Map.of("school", "SMA N 1 Yogyakarta", "major", "IPA", "graduation_year", "2018"), budi.attributes());
        assertFalse(budi.optedOut());
        // a blank cell is not stored
        assertEquals(Map.of("school", "SMA N 3 Yogyakarta", "major", "IPS"),
                store.find("+6281311112222").orElseThrow().attributes());
    }

    @Test
    void invalidNumbersAreRejectedWithTheirPhysicalLine() {
        ImportReport r = importCsv("name,no hp,school\n"      // line 1
                + "A,0812345678901,X\n"                       // 2
                + "\n"                                        // 3: blank, skipped
                + "B,0812,X\n"                                // 4: too short
                + "\"C\nwith a line break\",081311112222,X\n" // 5-6
                + "D,not a number,X\n"                        // 7
                + "E,,X\n"                                    // 8: no number
                + ",,\n"                                      // 9: blank row, skipped
                + "F,081399998888,\"a, b\",extra\n");         // 10: one cell too many
        assertEquals(6, r.rowsRead());
        assertEquals(2, r.created());
        List<ImportReport.Rejected> rejected = r.rejected();
        assertEquals(List.of(4L, 7L, 8L, 10L), rejected.stream().map(ImportReport.Rejected::line).toList(), r.toText());
        assertEquals("0812", rejected.get(0).number());
        assertEquals("no such number in region ID", rejected.get(0).reason());
        assertEquals("not a number", rejected.get(1).reason());
        assertEquals("no number", rejected.get(2).reason());
        assertTrue(rejected.get(3).reason().contains("more cells"));
        assertTrue(store.find("+6281311112222").isPresent());
        assertEquals("C with a line break", store.find("+6281311112222").orElseThrow().name());
        assertEveryRowAccountedFor(r);
    }

    @Test
    void nationalAndInternationalFormsOfOneNumberAreOneContact() {
        ImportReport r = importCsv("name,phone,school,major\n"
                + "Budi,0812-3456-7890,SMA N 1 Yogyakarta,\n"
                + "Siti,081311112222,SMA N 3,IPS\n"
                + "Budi Santoso,+62 812 3456 7890,,IPA\n"
                + ",6281234567890,SMA N 1 Yogyakarta,\n");
        assertEquals(4, r.rowsRead());
        assertEquals(2, r.created());
        assertEquals(2, r.mergedDuplicates());
        assertEquals(List.of(new ImportReport.Duplicate("+6281234567890", List.of(2L, 4L, 5L))), r.duplicates());
        Contact budi = store.find("+6281234567890").orElseThrow();
        assertEquals("Budi Santoso", budi.name()); // later non-blank values win, blank ones do not erase
        assertEquals(Map.of("school", "SMA N 1 Yogyakarta", "major", "IPA"), budi.attributes());
        assertEquals(2, store.count(ContactFilter.all()));
        assertEveryRowAccountedFor(r);
    }

    @Test
    void duplicatesAcrossBatchesAreMergedToo() {
        String csv = ContactCsvFixtures.csv(25, 0, 3);
        String first = csv.lines().skip(1).findFirst().orElseThrow();
        String again = first.replaceFirst("^[^,]*,", "Renamed,").replaceFirst(",[^,]*$", ",2030");
        ImportReport r = store.importCsv(new StringReader(csv + again + "\n"), "ID", 10);
        assertEquals(26, r.rowsRead());
        assertEquals(25, r.created());
        assertEquals(1, r.mergedDuplicates());
        assertEquals(List.of(2L, 27L), r.duplicates().get(0).lines());
        Contact c = store.find(r.duplicates().get(0).number()).orElseThrow();
        assertEquals("Renamed", c.name());
        assertEquals("2030", c.attributes().get("graduation_year"));
        assertEveryRowAccountedFor(r);
    }

    @Test
    void reImportUpdatesMergesAttributesAndKeepsOptOuts() {
        importCsv("name,phone,school,major\nBudi,081234567890,SMA N 1 Yogyakarta,IPA\nSiti,081311112222,SMA N 3,IPS\n");
        store.optOut("+6281234567890", "STOP");
        ImportReport r = importCsv("name,phone,graduation_year,major\n"
                + ",081234567890,2018,IPS\n"
                + "Siti Rahayu,081311112222,2019,\n"
                + "Agus,081399998888,2020,IPA\n");
        assertEquals(1, r.created());
        assertEquals(2, r.updated());
        assertEveryRowAccountedFor(r);
        assertEquals("Budi", store.find("+6281234567890").orElseThrow().name()); // no name in the file: kept
        assertEquals(3, importCsv("name,phone\nBudi,081234567890\nSiti Rahayu,081311112222\nAgus,081399998888\n")
                .unchanged());
        assertEquals(1, importCsv("name,phone\nBudi Santoso,081234567890\n").updated());
        Contact budi = store.find("+6281234567890").orElseThrow();
        assertEquals("Budi Santoso", budi.name()); // a name given replaces the old one
        assertEquals(Map.of("school", "SMA N 1 Yogyakarta", "major", "IPS", "graduation_year", "2018"), budi.attributes());
        assertTrue(budi.optedOut());
        Contact siti = store.find("+6281311112222").orElseThrow();
        assertEquals("Siti Rahayu", siti.name());
        assertEquals(Map.of("school", "SMA N 3", "major", "IPS", "graduation_year", "2019"), siti.attributes());
        assertFalse(siti.optedOut());
    }

    @Test
    void quotedFieldsWithCommasAndQuotes() {
        importCsv("name,phone,school,note\n"
                + "\"Santoso, Budi\",\"0812 3456 7890\",\"SMK N 2 Depok, Sleman\",\"said \"\"yes\"\"\"\n");
        Contact budi = store.find("+6281234567890").orElseThrow();
        assertEquals("Santoso, Budi", budi.name());
        assertEquals(Map.of("school", "SMK N 2 Depok, Sleman", "note", "said \"yes\""), budi.attributes());
    }

    @Test
    void aByteOrderMarkAtTheStartIsNotPartOfTheFirstColumnName() {
        ImportReport r = importCsv("\uFEFFphone,name,school\n081234567890,Budi,SMA N 1\n");
        assertEquals(1, r.created());
        assertEquals(Map.of("school", "SMA N 1"), store.find("+6281234567890").orElseThrow().attributes());
    }

    @Test
    void semicolonSeparatedFilesAsSpreadsheetsInIndonesianLocaleWriteThem() {
        ImportReport r = importCsv("Nama;HP;Asal Sekolah\r\nBudi;081234567890;SMA N 1, Yogyakarta\r\n");
        assertEquals(1, r.created(), r.toText());
        Contact budi = store.find("+6281234567890").orElseThrow();
        assertEquals("Budi", budi.name());
        assertEquals(Map.of("asal_sekolah", "SMA N 1, Yogyakarta"), budi.attributes());
    }

    @Test
    void aRowWithTextTheDatabaseCannotTakeIsRejectedWithItsColumnAndTheOthersImported() {
        ImportReport r = importCsv("name,phone,school\n"
                + "Budi\u0000,081234567890,SMA 1\n"     // line 2: a NUL, which PostgreSQL refuses
                + "Siti,081311112222,SMA\u001b 3\n"     // line 3: ESC
                + "Agus,081399998888,SMA N 1\n");
        assertEveryRowAccountedFor(r);
        assertEquals(1, r.created());
        assertEquals(List.of(2L, 3L), r.rejected().stream().map(ImportReport.Rejected::line).toList());
        assertEquals("column 1 (name) has a NUL byte (U+0000) at character 5", r.rejected().get(0).reason());
        assertEquals("column 3 (school) has a control character (U+001B) at character 4", r.rejected().get(1).reason());
        assertEquals(1, store.count(ContactFilter.parse(null)));
        InvalidCsvException header = assertThrows(InvalidCsvException.class, () -> importCsv("name,pho\u0000ne\nBudi,0812\n"));
        assertEquals("header column 2: a NUL byte (U+0000) at character 4", header.getMessage());
    }

    @Test
    void aFileThatIsNotAContactListIsRefusedAndNothingIsImported() {
        assertTrue(assertThrows(InvalidCsvException.class, () -> importCsv("")).getMessage().contains("empty"));
        assertTrue(assertThrows(InvalidCsvException.class, () -> importCsv("name,school\nBudi,SMA\n")).getMessage()
                .contains("no phone number column"));
        assertTrue(assertThrows(InvalidCsvException.class, () -> importCsv("name,phone,hp\n")).getMessage()
                .contains("two columns"));
        assertTrue(assertThrows(InvalidCsvException.class, () -> importCsv("Name,Nama,phone\n")).getMessage()
                .contains("two columns hold the name"));
        assertTrue(assertThrows(InvalidCsvException.class, () -> importCsv("name,phone,School,school\n")).getMessage()
                .contains("both \"school\""));
        InvalidCsvException broken = assertThrows(InvalidCsvException.class,
                () -> importCsv("name,phone\nBudi,081234567890\n\"Siti\"x,081311112222\n"));
        assertTrue(broken.getMessage().contains("not valid CSV"), broken.getMessage());
        assertEquals(0, store.count(ContactFilter.all())); // the first row was rolled back with the rest
    }

    @Test
    void countsAndListsByFilter() {
        importCsv(ContactCsvFixtures.csv(300, 20, 42));
        List<ContactCsvFixtures.Row> rows = ContactCsvFixtures.rows(300, 20, 42);
        ContactFilter filter = ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA");
        List<ContactCsvFixtures.Row> expected = rows.stream().filter(r -> r.e164() != null)
                .filter(r -> r.school().equals("SMA N 1 Yogyakarta") && r.major().equals("IPA")).toList();
        assertTrue(expected.size() > 5);
        assertEquals(expected.size(), store.count(filter));
        assertEquals(280, store.count(ContactFilter.all()));
        List<Contact> all = store.list(filter, 0, 1000);
        assertEquals(expected.stream().map(ContactCsvFixtures.Row::e164).toList(), all.stream().map(Contact::number).toList());
        assertEquals(all.subList(2, 5), store.list(filter, 2, 3));
        store.optOut(expected.get(0).e164(), "STOP");
        assertEquals(new Reach(expected.size(), 1), store.reach(filter));
        assertEquals(expected.size(), store.count(filter)); // count includes the opted-out, as list shows them
        assertTrue(store.list(filter, 0, 1).get(0).optedOut());
        assertEquals(0, store.count(ContactFilter.parse("school=SMA N 1 Yogyakarta; major=Kedokteran")));
    }

    @Test
    void aGeneratedListOverSeveralBatchesRejectsExactlyItsInvalidLines() {
        List<ContactCsvFixtures.Row> rows = ContactCsvFixtures.rows(5_000, 37, 7);
        ImportReport r = importCsv(ContactCsvFixtures.csv(5_000, 37, 7));
        assertEquals(5_000, r.rowsRead());
        assertEquals(4_963, r.created());
        assertEquals(rows.stream().filter(x -> x.e164() == null).map(ContactCsvFixtures.Row::line).toList(),
                r.rejected().stream().map(ImportReport.Rejected::line).toList());
        assertEquals(rows.stream().filter(x -> x.e164() == null).map(ContactCsvFixtures.Row::phone).toList(),
                r.rejected().stream().map(ImportReport.Rejected::number).toList());
        assertEquals(ContactCsvFixtures.csv(5_000, 37, 7), ContactCsvFixtures.csv(5_000, 37, 7)); // deterministic
        ImportReport again = importCsv(ContactCsvFixtures.csv(5_000, 37, 7));
        assertEquals(0, again.updated());
        assertEquals(4_963, again.unchanged());
        assertEveryRowAccountedFor(again);
    }

    @Test
    void attributeValuesForFilterChoices() {
        importCsv("name,phone,school,major\nA,081234567890,SMA 1,IPA\nB,081311112222,SMA 1,IPS\nC,081399998888,SMA 2,IPA\n");
        Map<String, List<String>> values = store.attributeValues(10);
        assertEquals(Map.of("major", List.of("IPA", "IPS"), "school", List.of("SMA 1", "SMA 2")), values);
        assertEquals(List.of("IPA"), store.attributeValues(1).get("major")); // the most frequent first
    }

    @Test
    void optOutNeedsAnE164Number() {
        assertThrows(IllegalArgumentException.class, () -> store.optOut("0812", "STOP"));
    }

    @Test
    void theReportIsJson() throws Exception {
        ImportReport r = importCsv("name,phone\nA,0812\nB,081234567890\nB,+6281234567890\n");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = json.writeValueAsString(r);
        assertTrue(text.contains("\"rejected\":[{\"line\":2,\"number\":\"0812\",\"reason\":\"no such number in region ID\"}]"), text);
        assertEquals(r, json.readValue(text, ImportReport.class));
    }
}
