package org.switchboard.kannel;

/** A delivery report due to be called back: its row, the attempt it is, and the report for the URL's escapes. */
public record DlrCall(long id, int attempt, String urlPattern, DlrReport report) {
}
