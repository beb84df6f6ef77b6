package org.switchboard.modem;

import java.util.HashMap;
import java.util.Map;

/**
 * Meanings of +CMS ERROR codes (3GPP TS 27.005 3.2.5, RP-causes of TS 24.011 E-2, TP-FCS of TS 23.040 9.2.3.22) and
 * +CME ERROR codes (TS 27.007 9.2), with whether sending again can help.
 */
public final class ModemErrors {
    /** One code: what it means and whether a retry can help. */
    public record Entry(int code, String meaning, boolean retryable) {
    }

    private static final Map<Integer, Entry> CMS = new HashMap<>();
    private static final Map<Integer, Entry> CME = new HashMap<>();

    static {
        // RP-causes (24.011 E-2): the number or subscription is wrong → permanent; network trouble → transient.
        cms(1, "Unassigned (unallocated) number", false);
        cms(8, "Operator determined barring", false);
        cms(10, "Call barred", false);
        cms(17, "Network failure", true);
        cms(21, "Short message transfer rejected", false);
        cms(22, "Memory capacity exceeded", true);
        cms(27, "Destination out of order", true);
        cms(28, "Unidentified subscriber", false);
        cms(29, "Facility rejected", false);
        cms(30, "Unknown subscriber", false);
        cms(38, "Network out of order", true);
        cms(41, "Temporary failure", true);
        cms(42, "Congestion", true);
        cms(47, "Resources unavailable, unspecified", true);
        cms(50, "Requested facility not subscribed", false);
        cms(69, "Requested facility not implemented", false);
        cms(81, "Invalid short message transfer reference value", true);
        cms(95, "Invalid message, unspecified", false);
        cms(96, "Invalid mandatory information", false);
        cms(97, "Message type non-existent or not implemented", false);
        cms(98, "Message not compatible with short message protocol state", true);
        cms(99, "Information element non-existent or not implemented", false);
        cms(111, "Protocol error, unspecified", true);
        cms(127, "Interworking, unspecified", true);
        // TP-FCS (23.040 9.2.3.22)
        cms(128, "Telematic interworking not supported", false);
        cms(129, "Short message Type 0 not supported", false);
        cms(130, "Cannot replace short message", false);
        cms(143, "Unspecified TP-PID error", false);
        cms(144, "Data coding scheme (alphabet) not supported", false);
        cms(145, "Message class not supported", false);
        cms(159, "Unspecified TP-DCS error", false);
        cms(160, "Command cannot be actioned", false);
        cms(161, "Command unsupported", false);
        cms(175, "Unspecified TP-Command error", false);
        cms(176, "TPDU not supported", false);
        cms(192, "SC busy", true);
        cms(193, "No SC subscription", false);
        cms(194, "SC system failure", true);
        cms(195, "Invalid SME address", false);
        cms(196, "Destination SME barred", false);
        cms(197, "SM Rejected-Duplicate SM", false);
        cms(198, "TP-VPF not supported", false);
        cms(199, "TP-VP not supported", false);
        cms(208, "(U)SIM SMS storage full", false);
        cms(209, "No SMS storage capability in (U)SIM", false);
        cms(210, "Error in MS", true);
        cms(211, "Memory capacity exceeded", false);
        cms(212, "(U)SIM Application Toolkit busy", true);
        cms(213, "(U)SIM data download error", false);
        cms(255, "Unspecified error cause", true);
        // 27.005 3.2.5: ME/TA errors
        cms(300, "ME failure", true);
        cms(301, "SMS service of ME reserved", true);
        cms(302, "Operation not allowed", false);
        cms(303, "Operation not supported", false);
        cms(304, "Invalid PDU mode parameter", false);
        cms(305, "Invalid text mode parameter", false);
        cms(310, "(U)SIM not inserted", false);
        cms(311, "(U)SIM PIN required", false);
        cms(312, "PH-(U)SIM PIN required", false);
        cms(313, "(U)SIM failure", false);
        cms(314, "(U)SIM busy", true);
        cms(315, "(U)SIM wrong", false);
        cms(316, "(U)SIM PUK required", false);
        cms(317, "(U)SIM PIN2 required", false);
        cms(318, "(U)SIM PUK2 required", false);
        cms(320, "Memory failure", true);
        cms(321, "Invalid memory index", false);
        cms(322, "Memory full", false);
        cms(330, "SMSC address unknown", false);
        cms(331, "No network service", true);
        cms(332, "Network timeout", true);
        cms(340, "No +CNMA acknowledgement expected", false);
        cms(500, "Unknown error", true);
        // Vendor range (Wavecom/Sierra, Siemens): the radio-side ones are transient, the input ones are not.
        cms(512, "MM establishment failure / user abort (vendor)", true);
        cms(513, "Lower layer failure (vendor)", true);
        cms(514, "CP error (vendor)", true);
        cms(515, "Please wait, init or command in progress (vendor)", true);
        cms(516, "Invalid length (vendor)", false);
        cms(517, "Invalid character in PDU (vendor)", false);

        cme(0, "Phone failure", true);
        cme(1, "No connection to phone", true);
        cme(2, "Phone-adaptor link reserved", true);
        cme(3, "Operation not allowed", false);
        cme(4, "Operation not supported", false);
        cme(5, "PH-SIM PIN required", false);
        cme(10, "SIM not inserted", false);
        cme(11, "SIM PIN required", false);
        cme(12, "SIM PUK required", false);
        cme(13, "SIM failure", false);
        cme(14, "SIM busy", true);
        cme(15, "SIM wrong", false);
        cme(16, "Incorrect password", false);
        cme(17, "SIM PIN2 required", false);
        cme(18, "SIM PUK2 required", false);
        cme(20, "Memory full", false);
        cme(21, "Invalid index", false);
        cme(22, "Not found", false);
        cme(23, "Memory failure", true);
        cme(24, "Text string too long", false);
        cme(25, "Invalid characters in text string", false);
        cme(26, "Dial string too long", false);
        cme(27, "Invalid characters in dial string", false);
        cme(30, "No network service", true);
        cme(31, "Network timeout", true);
        cme(32, "Network not allowed - emergency calls only", true);
        cme(100, "Unknown", true);
    }

    private ModemErrors() {
    }

    private static void cms(int code, String meaning, boolean retryable) {
        CMS.put(code, new Entry(code, meaning, retryable));
    }

    private static void cme(int code, String meaning, boolean retryable) {
        CME.put(code, new Entry(code, meaning, retryable));
    }

    /** The meaning of a +CMS ERROR code; unknown codes (vendor ranges) are taken as transient. */
    public static Entry cms(int code) {
        Entry e = CMS.get(code);
        if (e != null) {
            return e;
        }
        return new Entry(code, code > 500 ? "Manufacturer-specific error" : "Unknown error code", true);
    }

    /** The meaning of a +CME ERROR code. */
    public static Entry cme(int code) {
        Entry e = CME.get(code);
        return e != null ? e : new Entry(code, "Unknown error code", true);
    }
}
