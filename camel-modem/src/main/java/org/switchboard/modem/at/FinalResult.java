package org.switchboard.modem.at;

/** How an AT command ended. */
public enum FinalResult {
    OK, ERROR, CMS_ERROR, CME_ERROR, NO_CARRIER, TIMEOUT
}
