package org.switchboard.sip;

import java.util.concurrent.ScheduledExecutorService;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;

/** What every subscription of one listener shares: its provider, factories, timer and digest helper. */
record SubscriptionContext(SipProvider provider, MessageFactory messages, HeaderFactory headers,
        AddressFactory addresses, ScheduledExecutorService scheduler, SipConfiguration config,
        AuthenticationHelper auth) {
}
