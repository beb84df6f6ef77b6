package org.switchboard.sip.stack;

import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * One user of a {@link SharedSipStack}: what the stack hands it. A client transaction or a dialog whose application
 * data is a handler belongs to that handler, which then hears its responses, timeouts and ends, and the requests that
 * arrive in that dialog; a request outside such a dialog is offered to the handlers in the order they opened the stack.
 * Methods run on the stack's threads: judge and hand over, do not block.
 */
public interface SipHandler {

    /** A request for this handler to take; {@code false} leaves it to the next handler. */
    default boolean onRequest(RequestEvent event) {
        return false;
    }

    /** A response to a client transaction (or, retransmitted, to a dialog) this handler owns. */
    default void onResponse(ResponseEvent event) {
    }

    /** A transaction this handler owns timed out: a request of its own got no final answer in time, say. */
    default void onTimeout(TimeoutEvent event) {
    }

    /** A transaction this handler owns has ended. */
    default void onTransactionTerminated(TransactionTerminatedEvent event) {
    }

    /** A dialog this handler owns has ended. */
    default void onDialogTerminated(DialogTerminatedEvent event) {
    }
}
