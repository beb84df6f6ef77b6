package org.switchboard.journal;

/**
 * The contract between routes and the journal. A route sets {@link #MESSAGE_KIND} and {@link #MESSAGE_ID}
 * as exchange properties, then wraps each hop in {@code .step("hop-name") ... .end()}; inside a step it may
 * set {@link #DETAIL} (e.g. the email's Message-ID). {@link JournalEventNotifier} writes the rows.
 */
public final class Journal {

    /** Exchange property: which table the message lives in, one of the KIND_ constants (String). */
    public static final String MESSAGE_KIND = "SwitchboardMessageKind";
    /** Exchange property: the message's id in that table (Long; any number or numeric text converts). */
    public static final String MESSAGE_ID = "SwitchboardMessageId";
    /** Exchange property: free text for the hop being done (String); consumed by the hop that records it. */
    public static final String DETAIL = "SwitchboardHopDetail";

    public static final String KIND_INBOUND_SMS = "inbound_sms";
    public static final String KIND_OUTBOUND_SMS = "outbound_sms";
    public static final String KIND_EMAIL = "email";

    /** The hop recorded when an exchange carrying a kind and id ends in failure. */
    public static final String HOP_FAILED = "failed";

    private Journal() {
    }
}
