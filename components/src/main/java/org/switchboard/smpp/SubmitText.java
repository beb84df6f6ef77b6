package org.switchboard.smpp;

/** A submit_sm's text, read: the characters, and which part of a long message they are (null for a whole one). */
public record SubmitText(String text, SubmitPart part) {
}
