package org.switchboard.modem.at;

/**
 * One memory of an AT+CPMS answer.
 *
 * @param storage its name ("SM", "ME"), or null when the answer (to the set command) does not name it
 * @param used    messages stored
 * @param total   capacity
 */
public record StorageUsage(String storage, int used, int total) {
}
