package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BodyTextTest {

    @Test
    void unflowJoinsSoftBreaksOnly() {
        assertEquals("one long paragraph here\nhard break\n",
                BodyText.unflow("one long \nparagraph here\nhard break", false));
    }

    @Test
    void unflowRemovesSpaceStuffingAndHonoursDelSp() {
        assertEquals("From me\n", BodyText.unflow(" From me", false));
        assertEquals("abc\n", BodyText.unflow("a \nb \nc", true));
    }

    @Test
    void unflowNeverJoinsAcrossQuoteDepthsOrTheSignature() {
        assertEquals("mine \n> theirs\n-- \nsig\n", BodyText.unflow("mine \n> theirs\n-- \nsig", false));
    }
}
