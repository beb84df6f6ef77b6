package org.switchboard.sip.stack;

import java.util.Properties;

import javax.sip.SipStack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JAIN-SIP's message log on SLF4J: every SIP message at TRACE (logger org.switchboard.sip.messages). */
public class Slf4jServerLogger implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.switchboard.sip.messages");

    @Override
    public void closeLogFile() {
        // nothing to close: SLF4J owns the output
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0);
    }

    @Override
    public void logException(Exception ex) {
        LOG.warn("SIP stack: {}", ex.toString(), ex);
    }

    @Override
    public void setStackProperties(Properties properties) {
        // the level comes from SLF4J
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed
    }
}
