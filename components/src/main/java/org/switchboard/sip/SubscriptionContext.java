package org.switchboard.sip;

import java.util.concurrent.ScheduledExecutorService;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import org.switchboard.sip.stack.SharedSipStack;

/** What every subscription of one listener shares: its stack, timer, settings and digest helper. */
record SubscriptionContext(SharedSipStack stack, ScheduledExecutorService scheduler, SipConfiguration config,
        AuthenticationHelper auth) {

    SipProvider provider() {
        return stack.provider();
    }

    MessageFactory messages() {
        return stack.messages();
    }

    HeaderFactory headers() {
        return stack.headers();
    }

    AddressFactory addresses() {
        return stack.addresses();
    }
}
