package org.switchboard.smpp;

import java.util.Map;

import org.jsmpp.SMPPConstant;

/**
 * The SMPP 3.4 command_status values the hub answers with, by the names SMPP 3.4 gives them (jSMPP's constants use
 * SMPP 5.0's names for some, e.g. ESME_RINVTLVLEN for 3.4's ESME_RINVPARLEN).
 */
public final class SmppStatus {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(SMPPConstant.STAT_ESME_ROK, "ESME_ROK"),
            Map.entry(SMPPConstant.STAT_ESME_RINVMSGLEN, "ESME_RINVMSGLEN"),
            Map.entry(SMPPConstant.STAT_ESME_RINVCMDLEN, "ESME_RINVCMDLEN"),
            Map.entry(SMPPConstant.STAT_ESME_RINVCMDID, "ESME_RINVCMDID"),
            Map.entry(SMPPConstant.STAT_ESME_RINVBNDSTS, "ESME_RINVBNDSTS"),
            Map.entry(SMPPConstant.STAT_ESME_RALYBND, "ESME_RALYBND"),
            Map.entry(SMPPConstant.STAT_ESME_RSYSERR, "ESME_RSYSERR"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCADR, "ESME_RINVSRCADR"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTADR, "ESME_RINVDSTADR"),
            Map.entry(SMPPConstant.STAT_ESME_RBINDFAIL, "ESME_RBINDFAIL"),
            Map.entry(SMPPConstant.STAT_ESME_RINVPASWD, "ESME_RINVPASWD"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSYSID, "ESME_RINVSYSID"),
            Map.entry(SMPPConstant.STAT_ESME_RMSGQFUL, "ESME_RMSGQFUL"),
            Map.entry(SMPPConstant.STAT_ESME_RINVESMCLASS, "ESME_RINVESMCLASS"),
            Map.entry(SMPPConstant.STAT_ESME_RSUBMITFAIL, "ESME_RSUBMITFAIL"),
            Map.entry(SMPPConstant.STAT_ESME_RTHROTTLED, "ESME_RTHROTTLED"),
            Map.entry(SMPPConstant.STAT_ESME_RINVTLVSTREAM, "ESME_RINVOPTPARSTREAM"),
            Map.entry(SMPPConstant.STAT_ESME_RINVTLVLEN, "ESME_RINVPARLEN"),
            Map.entry(SMPPConstant.STAT_ESME_RMISSINGTLV, "ESME_RMISSINGOPTPARAM"),
            Map.entry(SMPPConstant.STAT_ESME_RINVTLVVAL, "ESME_RINVOPTPARAMVAL"),
            Map.entry(SMPPConstant.STAT_ESME_RX_T_APPN, "ESME_RX_T_APPN"),
            Map.entry(SMPPConstant.STAT_ESME_RX_P_APPN, "ESME_RX_P_APPN"));

    private SmppStatus() {
    }

    /** e.g. "ESME_RINVPASWD (0x0E)"; an unnamed status shows its number alone. */
    public static String describe(int status) {
        String name = NAMES.get(status);
        String hex = hex(status);
        return name == null ? hex : name + " (" + hex + ")";
    }

    /** e.g. "ESME_RINVPASWD"; an unnamed status its number ("0x104"). */
    public static String name(int status) {
        return NAMES.getOrDefault(status, hex(status));
    }

    private static String hex(int status) {
        return String.format("0x%02X", status);
    }
}
