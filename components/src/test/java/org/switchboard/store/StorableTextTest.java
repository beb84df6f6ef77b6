package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class StorableTextTest {
    private static final String LONE_HIGH = "a\uD83Db";
    private static final String LONE_LOW = "a\uDE00b";
    private static final String EMOJI = "a\uD83D\uDE00b";

    @Test
    void nulAndLoneSurrogatesAreNotStorable() {
        assertTrue(StorableText.storable(null));
        assertTrue(StorableText.storable("Halo\u0007 \t\n" + EMOJI));
        assertFalse(StorableText.storable("Ha\0lo"));
        assertFalse(StorableText.storable(LONE_HIGH));
        assertFalse(StorableText.storable(LONE_LOW));
        assertFalse(StorableText.storable("end\uD83D"));
    }

    @Test
    void replacingKeepsEverythingElseAndMarksWhatWasThere() {
        String clean = "Halo \u0007 " + EMOJI;
        assertSame(clean, StorableText.replaceUnstorable(clean));
        assertEquals("Ha\uFFFDlo", StorableText.replaceUnstorable("Ha\0lo"));
        assertEquals("a\uFFFDb" + EMOJI, StorableText.replaceUnstorable(LONE_HIGH + EMOJI));
        assertEquals("a\uFFFDb", StorableText.replaceUnstorable(LONE_LOW));
        assertNull(StorableText.replaceUnstorable(null));
    }

    @Test
    void aMessageKeepsItsLinesAndLosesControlBytes() {
        assertEquals("Tes dimulai jam 09.00.\r\n\tBaris\f", StorableText.forMessage("Tes\0 dimulai\u0007 jam 09.00\u001B."
                + "\u0085\u007F\r\n\tBaris\f"));
        assertEquals(EMOJI + "\uFFFD", StorableText.forMessage(EMOJI + "\uD83D"));
        String clean = "Halo, apa kabar? " + EMOJI;
        assertSame(clean, StorableText.forMessage(clean));
    }

    @Test
    void aProblemIsNamedWithWhereItIs() {
        assertEquals(Optional.of("a NUL byte (U+0000) at character 3"), StorableText.problem("Ha\0lo"));
        assertEquals(Optional.of("a control character (U+001B) at character 2"), StorableText.problem("a\u001Bb"));
        assertEquals(Optional.of("a lone surrogate (U+D83D) at character 2"), StorableText.problem(LONE_HIGH));
        assertEquals(Optional.empty(), StorableText.problem("Halo\r\n\t" + EMOJI));
    }
}
