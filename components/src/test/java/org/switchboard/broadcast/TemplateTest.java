package org.switchboard.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.broadcast.Template.Rendered;

/** Placeholders, literal braces, and what a recipient lacks. */
class TemplateTest {

    private static final Map<String, String> ATTRS = Map.of("school", "SMA N 1 Yogyakarta", "graduation_year", "2018");

    private static String text(Rendered r) {
        assertTrue(r instanceof Rendered.Text, () -> "expected a text, got " + r);
        return ((Rendered.Text) r).text();
    }

    private static Set<String> missing(Rendered r) {
        assertTrue(r instanceof Rendered.Missing, () -> "expected missing placeholders, got " + r);
        return ((Rendered.Missing) r).placeholders();
    }

    @Test
    void fillsNameFirstNameAndAttributes() {
        Template t = Template.parse("Halo {first_name}! {name}, alumni {school} angkatan {graduation_year}.");
        assertEquals(new LinkedHashSet<>(List.of("first_name", "name", "school", "graduation_year")), t.placeholders());
        assertEquals("Halo Budi! Budi Santoso, alumni SMA N 1 Yogyakarta angkatan 2018.",
                text(t.render("Budi Santoso", ATTRS)));
    }

    @Test
    void placeholderNamesAreComparedLowerCasedWithUnderscores() {
        Template t = Template.parse("{ Graduation Year } {SCHOOL} {First Name}");
        assertEquals(Set.of("graduation_year", "school", "first_name"), t.placeholders());
        assertEquals("2018 SMA N 1 Yogyakarta Siti", text(t.render("  Siti  Aminah ", ATTRS)));
    }

    @Test
    void attributeKeysAreNormalisedToo() {
        Template t = Template.parse("{graduation_year}");
        assertEquals("2019", text(t.render("x", Map.of("Graduation Year", "2019"))));
    }

    @Test
    void doubledBracesAreLiteral() {
        Template t = Template.parse("{{not a placeholder}} {name} {{{name}}}");
        assertEquals(Set.of("name"), t.placeholders());
        assertEquals("{not a placeholder} Ani {Ani}", text(t.render("Ani", Map.of())));
    }

    @Test
    void textWithoutPlaceholdersIsItself() {
        Template t = Template.parse("Besok libur.");
        assertTrue(t.placeholders().isEmpty());
        assertEquals("Besok libur.", text(t.render(null, null)));
    }

    @Test
    void aContactWithoutANameLacksNameAndFirstName() {
        Template t = Template.parse("Halo {first_name} ({name}) dari {school}");
        assertEquals(Set.of("first_name", "name"), missing(t.render(null, ATTRS)));
        assertEquals(Set.of("first_name", "name"), missing(t.render("   ", ATTRS)));
    }

    @Test
    void blankOrAbsentAttributesAreMissingAndNothingIsHalfFilled() {
        Template t = Template.parse("{name}: {school} / {major} / {graduation_year}");
        Rendered r = t.render("Budi", Map.of("school", " ", "graduation_year", "2018"));
        assertEquals(List.of("school", "major"), List.copyOf(missing(r)));
    }

    @Test
    void unbalancedBracesAreRefusedWithThePosition() {
        TemplateException open = assertThrows(TemplateException.class, () -> Template.parse("Halo {name"));
        assertTrue(open.getMessage().contains("character 6"), open.getMessage());
        assertThrows(TemplateException.class, () -> Template.parse("Halo {na{me}"));
        TemplateException close = assertThrows(TemplateException.class, () -> Template.parse("Halo name}"));
        assertTrue(close.getMessage().contains("}}"), close.getMessage());
        assertThrows(TemplateException.class, () -> Template.parse("Halo { }"));
    }
}
