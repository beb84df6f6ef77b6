package org.switchboard.channel.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.modem.pdu.NationalLanguage;

/** A modem channel counts parts as its modems send them: with their national tables, the most any modem takes. */
class ModemChannelPartsTest {
    private static final String TURKISH = "Sayın müşterimiz, ödemeniz alınmıştır. Ağustos ayı faturanız için teşekkür"
            + " ederiz. İyi günler dileriz, şikayetleriniz için bizi arayınız lütfen: 444 0 444.";

    @Test
    void partsFollowTheModemsNationalLanguages() {
        assertEquals(3, new GsmParts().parts(null, TURKISH), "UCS2");
        assertEquals(1, new GsmParts(Set.of(NationalLanguage.TURKISH)).parts(null, TURKISH), "Turkish locking shift");
        Map<String, String> both = new LinkedHashMap<>();
        both.put("gsm1", "host=127.0.0.1&port=7001&nationalLanguages=tr");
        assertEquals(1, new ModemChannel("tr", both, 5).partsFor(TURKISH));
        both.put("gsm2", "host=127.0.0.1&port=7002");
        assertEquals(3, new ModemChannel("mixed", both, 5).partsFor(TURKISH), "a modem without the tables sends 3");
        assertEquals(Set.of(NationalLanguage.TURKISH, NationalLanguage.PORTUGUESE),
                ModemOptions.languages("host=h&port=1&nationalLanguages=tr,pt"));
        assertEquals("device=/dev/ttyUSB0&nationalLanguages=tr", ModemOptions.withEncoding("device=/dev/ttyUSB0",
                "tr", 0));
    }
}
