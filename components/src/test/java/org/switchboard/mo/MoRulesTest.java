package org.switchboard.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MoRulesTest {

    private static MoRule rule(String name, String code, List<String> keywords, String pattern, int priority) {
        return new MoRule(name, code, keywords, pattern, MoRule.Target.HTTP, "http://app/" + name, "GET", false, null,
                priority, null, null);
    }

    private static final List<MoRule> RULES = List.of(
            rule("quiz", "9123", List.of("REG", "daftar"), null, 100),
            rule("quiz-any", "9123", List.of(), null, 100),
            rule("bank", null, List.of("SALDO"), null, 100),
            rule("poll", "9555", List.of(), "^vote\\s+[abc]\\b", 100),
            rule("vip", "9123", List.of("reg"), null, 10));

    private static String matched(String to, String text) {
        return MoRules.match(RULES, to, text).map(m -> m.rule().name()).orElse("help desk");
    }

    @Test
    void aShortCodeAndKeywordRuleTakesItsKeywordAndItsAliasesWhateverTheCase() {
        assertEquals("quiz", matched("9123", "daftar QUIZ"));
        assertEquals("quiz", matched("9123", "  Daftar quiz"));
        assertEquals("quiz-any", matched("9123", "HELP"), "the short code alone, less specific, takes the rest");
        assertEquals("bank", matched("9999", "saldo 1234"), "a keyword on any number");
        assertEquals("help desk", matched("9999", "hello"));
    }

    @Test
    void priorityComesBeforeSpecificity() {
        assertEquals("vip", matched("9123", "REG QUIZ"));
    }

    @Test
    void aPatternIsFoundInTheText() {
        assertEquals("poll", matched("9555", "Vote B please"));
        assertEquals("help desk", matched("9555", "vote d"));
    }

    @Test
    void theMatchSaysTheKeywordAsWritten() {
        assertEquals("Daftar", MoRules.match(RULES, "9123", "Daftar quiz").orElseThrow().keyword());
        assertEquals(null, MoRules.firstWord("   "));
    }

    @Test
    void aRuleThatCannotWorkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MoRule("Bad Name", null, List.of(), null,
                MoRule.Target.HTTP, "http://x", "GET", false, null, 1, null, null).check());
        assertThrows(IllegalArgumentException.class, () -> new MoRule("p", null, List.of(), "([", MoRule.Target.HTTP,
                "http://x", "GET", false, null, 1, null, null).check());
        assertThrows(IllegalArgumentException.class, () -> new MoRule("u", null, List.of(), null, MoRule.Target.HTTP,
                "ftp://x", "GET", false, null, 1, null, null).check());
        assertThrows(IllegalArgumentException.class, () -> new MoRule("s", null, List.of(), null, MoRule.Target.SMPP,
                null, "GET", false, " ", 1, null, null).check());
        assertTrue(new MoRule("k", null, List.of(" reg "), null, MoRule.Target.SMPP, null, null, false, "app", 1,
                null, null).keywords().contains("REG"));
    }
}
