package org.switchboard.calls.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class AmiActionsTest {

    @Test
    void theOriginateRingsTheAgentIntoTheContextThatDialsTheCustomerAsynchronously() {
        AmiMessage o = AmiActions.originate(new AmiActions.Originate(42, "1001", "PJSIP/1001", "from-internal",
                "+6281234567890", "+6281234567890", 25_000));
        assertEquals(List.of("Action", "ActionID", "Channel", "Context", "Exten", "Priority", "Timeout", "CallerID",
                "Variable", "Async", "ChannelId"), o.fields().stream().map(java.util.Map.Entry::getKey).toList());
        assertEquals("Originate", o.get("Action"));
        assertEquals("switchboard-call-42", o.get("ActionID"));
        assertEquals("PJSIP/1001", o.get("Channel"));
        assertEquals("from-internal", o.get("Context"));
        assertEquals("+6281234567890", o.get("Exten"));
        assertEquals("1", o.get("Priority"));
        assertEquals("25000", o.get("Timeout"));
        assertEquals("\"+6281234567890\" <1001>", o.get("CallerID"));
        assertEquals("__SWITCHBOARD_CALL_ID=42", o.get("Variable"));
        assertEquals("true", o.get("Async"));
        assertEquals("switchboard-call-42-agent", o.get("ChannelId"));
    }

    @Test
    void theDialplanTemplatesNameTheAgentsChannelAndTheCustomersExtension() {
        AmiClickToCall.Dialplan d = new AmiClickToCall.Dialplan("SIP/{agent}", "from-internal", "{digits}",
                java.time.Duration.ofSeconds(20));
        assertEquals("SIP/1001", d.channel("1001"));
        assertEquals("6281234567890", d.exten("+6281234567890"));
        assertEquals("+6281234567890", new AmiClickToCall.Dialplan("PJSIP/{agent}", "c", "{e164}",
                java.time.Duration.ofSeconds(20)).exten("+6281234567890"));
    }
}
