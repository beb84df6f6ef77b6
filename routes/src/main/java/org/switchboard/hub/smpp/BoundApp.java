package org.switchboard.hub.smpp;

import org.jsmpp.session.SMPPServerSession;
import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.SmppAccount;

/** An application's session as bound: its account, how it bound, and the smpp_bind row its events are journalled on. */
record BoundApp(SmppAccount account, BindKind kind, long bindId, SMPPServerSession session) {

    String systemId() {
        return account.systemId();
    }
}
