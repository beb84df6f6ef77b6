package org.switchboard.kannel;

import java.time.Instant;

/**
 * One delivery report as the escapes of a dlr-url see it (Kannel's DLR message, dlr.c create_dlr_from_msg): its type,
 * the SMS's receiver and sender, the report's text, its time, and the hub's id of the SMS.
 */
public record DlrReport(DlrType type, String receiver, String sender, String reply, Instant at, long smsId,
        String smscId, String dlrUrl, int coding, String charset) {
}
