package org.switchboard.modem.at;

/** Where a new message was stored, as +CMTI and +CDSI announce it ({@code +CMTI: "SM",3}). */
public record StorageIndex(String storage, int index) {
}
