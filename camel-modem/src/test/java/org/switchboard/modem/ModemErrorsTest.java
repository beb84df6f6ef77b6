package org.switchboard.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModemErrorsTest {

    @Test
    void everyReferenceCodeIsKnownWithTheSameRetryJudgement() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(SharedTestData.require("cms-errors.json").toFile());
        List<String> disagreements = new ArrayList<>();
        for (String family : List.of("cms_error", "cms_vendor_specific", "cme_error")) {
            for (JsonNode e : ref.get(family)) {
                int code = e.get("code").asInt();
                ModemErrors.Entry ours = family.startsWith("cme") ? ModemErrors.cme(code) : ModemErrors.cms(code);
                // "later" is transient too, only with a longer wait: retryable.
                boolean expected = !"no".equals(e.get("retry").asText());
                if (ours.retryable() != expected || ours.meaning().startsWith("Unknown error code")) {
                    disagreements.add(family + " " + code + " ours=" + ours + " reference=" + e.get("retry").asText()
                            + " " + e.get("meaning").asText());
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void modemFaultsAreTheModemsNotTheRecipients() {
        assertTrue(ModemException.ofCode(ModemException.Kind.CMS, 331, "send").isModemFault(), "no network service");
        assertTrue(ModemException.ofCode(ModemException.Kind.CMS, 310, "send").isModemFault(), "SIM not inserted");
        assertTrue(new ModemException(ModemException.Kind.LINK, -1, "link lost", true, true, "x").isModemFault());
        assertTrue(new ModemException(ModemException.Kind.NOT_READY, -1, "not ready", true, false, "x").isModemFault());
        assertTrue(new ModemException(ModemException.Kind.TIMEOUT, -1, "no answer", true, true, "x").isModemFault());
        assertFalse(ModemException.ofCode(ModemException.Kind.CMS, 21, "send").isModemFault(), "rejected");
        assertFalse(ModemException.ofCode(ModemException.Kind.CMS, 42, "send").isModemFault(), "congestion");
        assertFalse(ModemException.ofCode(ModemException.Kind.CMS, 1, "send").isModemFault(), "unassigned number");
        assertFalse(new ModemException(ModemException.Kind.INVALID_INPUT, -1, "bad", false, false, "x").isModemFault());
    }

    @Test
    void exceptionCarriesCodeMeaningAndRetry() {
        ModemException e = ModemException.ofCode(ModemException.Kind.CMS, 42, "sending SMS on gsm1");
        assertEquals(42, e.getCode());
        assertEquals("Congestion", e.getMeaning());
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("+CMS ERROR: 42"), e.getMessage());
        assertFalse(ModemException.ofCode(ModemException.Kind.CMS, 1, "x").isRetryable());
        assertTrue(ModemErrors.cms(599).retryable(), "vendor codes are taken as transient");
    }
}
