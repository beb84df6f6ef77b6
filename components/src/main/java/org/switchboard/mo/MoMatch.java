package org.switchboard.mo;

/** An SMS a rule matched: the rule, and the keyword as the SMS wrote it (its first word; null for none). */
public record MoMatch(MoRule rule, String keyword) {
}
