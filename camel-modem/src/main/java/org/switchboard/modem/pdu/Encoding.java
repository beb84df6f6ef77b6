package org.switchboard.modem.pdu;

/** TP-DCS character sets. */
public enum Encoding {
    GSM7("GSM7"), UCS2("UCS2"), EIGHT_BIT("8BIT");

    private final String jsonName;

    Encoding(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name the CLI's JSON contract uses. */
    public String jsonName() {
        return jsonName;
    }
}
