package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsAddressTest {

    private static final String DOMAIN = "sms.switchboard.local";

    @Test
    void keepsTheNumbersPlusAfterSms() {
        assertEquals("sms+6281234567890@sms.switchboard.local", SmsAddress.of("+6281234567890", DOMAIN));
    }

    @Test
    void readsEveryFormOfTheAddressBack() {
        assertEquals(Optional.of("+6281234567890"), SmsAddress.numberIn("sms+6281234567890@sms.switchboard.local", DOMAIN));
        assertEquals(Optional.of("+6281234567890"), SmsAddress.numberIn("SMS+6281234567890@SMS.Switchboard.Local", DOMAIN));
        assertEquals(Optional.of("+6281234567890"), SmsAddress.numberIn("+6281234567890@sms.switchboard.local", DOMAIN));
        assertEquals(Optional.of("+6281234567890"), SmsAddress.numberIn("6281234567890@sms.switchboard.local", DOMAIN));
        assertEquals(Optional.of("081234567890"), SmsAddress.numberIn("081234567890@sms.switchboard.local", DOMAIN));
    }

    @Test
    void ignoresOtherAddresses() {
        assertEquals(Optional.empty(), SmsAddress.numberIn("sms+6281234567890@switchboard.local", DOMAIN));
        assertEquals(Optional.empty(), SmsAddress.numberIn("hub@switchboard.local", DOMAIN));
        assertEquals(Optional.empty(), SmsAddress.numberIn("sms+TELKOMSEL@sms.switchboard.local", DOMAIN));
        assertEquals(Optional.empty(), SmsAddress.numberIn("sms+0812@sms.switchboard.local", DOMAIN));
        assertEquals(Optional.empty(), SmsAddress.numberIn("sms+12@sms.switchboard.local", DOMAIN));
        assertEquals(Optional.empty(), SmsAddress.numberIn(null, DOMAIN));
    }
}
