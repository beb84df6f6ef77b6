package org.switchboard.modem.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class AtChannelFuzzTest {

    @Test
    void twentyThousandMutatedDialoguesGiveOnlyNormalEvents() {
        AtChannelFuzzer.FuzzResult result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> AtChannelFuzzer.run(20_000, 0x5EEDL));
        assertEquals(20_000, result.inputs());
        assertEquals(0, result.failures(), () -> "first failure: " + result.firstFailure());
    }

    @Test
    void theChecksRejectMalformedEvents() {
        // A fuzzer whose checks cannot fail proves nothing.
        AtChannel channel = new AtChannel();
        assertNotNull(AtChannelFuzzer.check(channel, List.of(new AtEvent.Send(new byte[0]))));
        assertNotNull(AtChannelFuzzer.check(channel, List.of(new AtEvent.Unsolicited(new UnsolicitedResult("X", "", null)))));
        assertNotNull(AtChannelFuzzer.check(channel, List.of(new AtEvent.Completed(
                new AtResponse(AtCommand.of("AT"), null, -1, List.of())))));
        assertNull(AtChannelFuzzer.check(channel, List.of(new AtEvent.Completed(
                new AtResponse(AtCommand.of("AT"), FinalResult.OK, -1, List.of())))));
    }
}
