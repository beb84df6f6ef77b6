package org.switchboard.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the filters staff type, and their JSON form. */
class ContactFilterTest {

    @Test
    void readsTheFormStaffType() {
        ContactFilter f = ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA; graduation_year=2018");
        assertEquals(Map.of("school", "SMA N 1 Yogyakarta", "major", "IPA", "graduation_year", "2018"), f.criteria());
        assertEquals("graduation_year = 2018 and major = IPA and school = SMA N 1 Yogyakarta", f.describe());
    }

    @Test
    void trimsNormalisesNamesAndUnquotesValues() {
        ContactFilter f = ContactFilter.parse("  School Name = \"SMA N 1; Yogyakarta\" ;Graduation-Year=  2018 ;"
                + " major = \"IPA\";");
        assertEquals(Map.of("school_name", "SMA N 1; Yogyakarta", "graduation_year", "2018", "major", "IPA"),
                f.criteria());
    }

    @Test
    void innerWhiteSpaceOfValuesIsOneSpace() {
        assertEquals("SMA N 1 Yogyakarta", ContactFilter.parse("school=SMA  N 1\tYogyakarta").criteria().get("school"));
    }

    @Test
    void aValueMayHoldAnEqualsSign() {
        assertEquals("a=b", ContactFilter.parse("code=a=b").criteria().get("code"));
    }

    @Test
    void blankIsEveryone() {
        assertTrue(ContactFilter.parse("").matchesAll());
        assertTrue(ContactFilter.parse("  ").matchesAll());
        assertTrue(ContactFilter.parse(null).matchesAll());
        assertEquals("all contacts", ContactFilter.parse("").describe());
        assertEquals("{}", ContactFilter.all().toJson());
    }

    @Test
    void attributeNames() {
        assertEquals("graduation_year", ContactFilter.attributeName("  Graduation Year "));
        assertEquals("no_hp", ContactFilter.attributeName("No - HP"));
        assertEquals("phone_number", ContactFilter.attributeName("Phone-Number"));
        assertEquals("asal_sekolah", ContactFilter.attributeName("Asal  Sekolah"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "school SMA N 1|has no '='",
        "school=SMA N 1; IPA|\"IPA\" has no '='",
        "=IPA|has no attribute name",
        "  = IPA|has no attribute name",
        "major=|has no value",
        "major=\"\"|has no value",
        "major=IPA; Major=IPS|given twice",
        "school=\"SMA N 1|not closed",
        "school=SMA \"N\" 1|put quotes around the whole value",
        "\"school\"=SMA|may not contain",
    })
    void badFiltersSayWhatIsWrong(String text, String expected) {
        InvalidFilterException e = assertThrows(InvalidFilterException.class, () -> ContactFilter.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void jsonRoundTrip() {
        ContactFilter f = ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA");
        assertEquals("{\"major\":\"IPA\",\"school\":\"SMA N 1 Yogyakarta\"}", f.toJson());
        assertEquals(f, ContactFilter.fromJson(f.toJson()));
        assertEquals(f, ContactFilter.parse(f.toText()));
        ContactFilter semicolon = ContactFilter.of(Map.of("school", "A; B"));
        assertEquals(semicolon, ContactFilter.parse(semicolon.toText()));
    }

    @Test
    void jacksonWritesAndReadsAFilterAsItsJsonObject() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ContactFilter f = ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA");
        assertEquals(f.toJson(), json.writeValueAsString(f));
        assertEquals(f, json.readValue("{\"School\": \"SMA N 1 Yogyakarta\", \"major\": \"IPA\"}", ContactFilter.class));
        assertEquals("{\"filter\":{\"major\":\"IPA\"}}", json.writeValueAsString(Map.of("filter", ContactFilter.parse("major=IPA"))));
    }

    @Test
    void fromJsonNormalisesAndRefusesWhatIsNotAnObjectOfTexts() {
        assertEquals(Map.of("graduation_year", "2018"), ContactFilter.fromJson("{\"Graduation Year\": 2018}").criteria());
        assertThrows(InvalidFilterException.class, () -> ContactFilter.fromJson("[1]"));
        assertThrows(InvalidFilterException.class, () -> ContactFilter.fromJson("{\"a\": {\"b\": 1}}"));
        assertThrows(InvalidFilterException.class, () -> ContactFilter.fromJson("{\"a\": null}"));
        assertThrows(InvalidFilterException.class, () -> ContactFilter.fromJson("{oops"));
    }

    @Test
    void matchesLikeJsonbContainment() {
        ContactFilter f = ContactFilter.parse("school=SMA N 1 Yogyakarta; major=IPA");
        assertTrue(f.matches(Map.of("school", "SMA N 1 Yogyakarta", "major", "IPA", "graduation_year", "2018")));
        assertFalse(f.matches(Map.of("school", "SMA N 1 Yogyakarta", "major", "IPS")));
        assertFalse(f.matches(Map.of("school", "SMA N 1 Yogyakarta")));
        assertTrue(ContactFilter.all().matches(Map.of()));
    }
}
