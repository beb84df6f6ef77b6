package org.switchboard.modem.session;

/** What a {@link ModemSession} tells the consumer: readiness and arriving messages. Called on the session's event thread. */
public interface ModemListener {

    /** The modem is initialised (first start or after a recovery): time to sweep its storage. */
    default void onReady() {
    }

    /** +CMTI / +CDSI: a message was stored at this index. */
    default void onMessageStored(String storage, int index) {
    }

    /** +CMT / +CDS in PDU mode: a message routed straight to us, not stored. */
    default void onMessageRouted(String urcCode, String pdu) {
    }
}
