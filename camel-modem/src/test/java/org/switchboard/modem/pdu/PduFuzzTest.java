package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Seeded mutation fuzzing: 20,000 mutated PDUs, nothing but PduException may escape, and no input may hang. */
class PduFuzzTest {
    @Test
    void mutatedPdusOnlyEverFailWithPduException() {
        // a generous bound for the whole loop: 20,000 inputs take well under a second; a hang would not
        FuzzResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> PduFuzzer.run(20_000, 23_040L));
        assertEquals(20_000, result.inputs());
        assertEquals(0, result.failures(), () -> "first failure: " + result.firstFailure());
    }

    @Test
    void aSecondSeedFindsNothingEither() {
        FuzzResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> PduFuzzer.run(20_000, 3_038L));
        assertEquals(0, result.failures(), () -> "first failure: " + result.firstFailure());
    }
}
