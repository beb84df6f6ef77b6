package org.switchboard.modem.pdu;

import java.util.List;

/** Literal PDUs written out field by field (23.040 / 23.038) plus two widely copied examples; no JUnit here. */
final class PduSamples {
    /** dreamfabric's SMS-DELIVER example: SMSC +27381000015, originator 27838890001 (TON 4), "hellohello". */
    static final String DREAMFABRIC_DELIVER =
            "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";
    /** dreamfabric's SMS-SUBMIT example: +46708251358, VP 0xAA (4 days), "hellohello". */
    static final String DREAMFABRIC_SUBMIT = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37";
    /** TP-MR 42, RA +628112345678, SCTS 2026-11-22 09:00:00 +07:00, DT 02:00:05 -03:00, TP-ST 0. */
    static final String STATUS_REPORT = "00" + "06" + "2A" + "0C91261821436587" + "62112290000082" + "62112220005029"
            + "00";
    /** Alphanumeric "Bank", UCS2, UDH with a 16-bit concat element (ref 0x1234, 1 of 2) and 8-bit ports 16/32. */
    static final String UCS2_DELIVER = "00" + "44" + "07D0C2B07B0D" + "00" + "08" + "62112290000082" + "15"
            + "0A" + "080412340201" + "04021020" + "00480069" + "0020" + "D83DDE00";
    /** GSM 7-bit after an 8-bit concat UDH: one fill bit, then ESC 0x65 (euro) and '1'. */
    static final String GSM7_AFTER_UDH = "00" + "41" + "00" + "0B912618010011F1" + "0000" + "0A"
            + "050003070201" + "36E518";
    /** TP-VPF absolute: 2026-11-22 02:00:05 -03:00, text "Hi". */
    static final String SUBMIT_ABSOLUTE_VP = "00" + "19" + "00" + "0B912618010011F1" + "0000" + "62112220005029"
            + "02" + "C834";
    /** TP-VPF enhanced: functionality indicator 01 (relative follows), then 0xAA. */
    static final String SUBMIT_ENHANCED_VP = "00" + "09" + "00" + "0B912618010011F1" + "0000" + "01AA0000000000"
            + "02" + "C834";
    /** 8-bit data with 16-bit application ports 2948/9200 (WAP push). */
    static final String EIGHT_BIT_PORTS = "00" + "40" + "0B912618010011F1" + "00" + "04" + "62112290000082" + "0B"
            + "06" + "05040B8423F0" + "CAFE0102";

    static final List<String> ALL = List.of(DREAMFABRIC_DELIVER, DREAMFABRIC_SUBMIT, STATUS_REPORT, UCS2_DELIVER,
            GSM7_AFTER_UDH, SUBMIT_ABSOLUTE_VP, SUBMIT_ENHANCED_VP, EIGHT_BIT_PORTS);

    private PduSamples() {
    }
}
