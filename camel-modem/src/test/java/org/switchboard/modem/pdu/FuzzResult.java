package org.switchboard.modem.pdu;

/**
 * What a fuzzing run found.
 *
 * @param inputs          inputs decoded
 * @param failures        inputs on which the decoder threw anything but {@link PduException}
 * @param inputsPerSecond decode throughput over the run
 * @param firstFailure    the first failing input and what it threw, or null
 */
public record FuzzResult(long inputs, long failures, double inputsPerSecond, String firstFailure) {
}
