package org.switchboard.hub.smpp;

import java.time.OffsetDateTime;

import org.jsmpp.session.SMPPServerSession;
import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.SmppAccount;

/**
 * An application's session as bound: its account, how it bound, the smpp_bind row its events are journalled on, where
 * from and since when.
 */
record BoundApp(SmppAccount account, BindKind kind, long bindId, SMPPServerSession session, String remote,
        OffsetDateTime boundAt) {

    String systemId() {
        return account.systemId();
    }
}
