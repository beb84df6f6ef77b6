package org.switchboard.journal;

/**
 * The contract between routes and the journal. A route sets {@link #MESSAGE_KIND} and {@link #MESSAGE_ID}
 * as exchange properties, then wraps each hop in {@code .step("hop-name") ... .end()}; inside a step it may
 * set {@link #DETAIL} (e.g. the email's Message-ID). {@link JournalEventNotifier} writes the rows.
 * A step that learns the id (the INSERT of "stored") may set {@link #MESSAGE_ID} inside itself: the hop is
 * written when the step ends. Steps that end while the exchange has no kind or id leave no row.
 * <p>
 * Camel requires a step's id to be unique across all routes of a context, like every node id. When two
 * routes both have a hop named "stored", qualify the step id with the route: {@code .step(Journal.stepId(
 * "email-to-sms", "stored"))}, i.e. "email-to-sms:stored"; the hop is written as "stored". The hop name is
 * the step id after its last {@value #QUALIFIER}.
 */
public final class Journal {

    /** Exchange property: which table the message lives in, a {@link JournalKind#value()} (String). */
    public static final String MESSAGE_KIND = "SwitchboardMessageKind";
    /** Exchange property: the message's id in that table (Long; any number or numeric text converts). */
    public static final String MESSAGE_ID = "SwitchboardMessageId";
    /** Exchange property: free text for the hop being done (String); consumed by the hop that records it. */
    public static final String DETAIL = "SwitchboardHopDetail";

    /** The hop recorded when an exchange carrying a kind and id ends in failure. */
    public static final String HOP_FAILED = "failed";

    /** Separates a qualifier from the hop name in a step id. */
    public static final char QUALIFIER = ':';

    private Journal() {
    }

    /** A step id unique among routes that still journals as {@code hop}: "route:hop". */
    public static String stepId(String routeId, String hop) {
        return routeId + QUALIFIER + hop;
    }

    /** The hop a step id stands for: the part after the last {@value #QUALIFIER}, or the whole id. */
    public static String hopName(String stepId) {
        int at = stepId.lastIndexOf(QUALIFIER);
        return at < 0 ? stepId : stepId.substring(at + 1);
    }
}
