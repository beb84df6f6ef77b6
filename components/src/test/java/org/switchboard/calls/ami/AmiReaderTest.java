package org.switchboard.calls.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AmiReaderTest {

    private static List<AmiMessage> feedInPieces(AmiReader reader, String text, int piece) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<AmiMessage> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += piece) {
            out.addAll(reader.feed(bytes, i, Math.min(piece, bytes.length - i)));
        }
        return out;
    }

    @Test
    void theBannerComesFirstThenPacketsEndedByAnEmptyLineWhateverThePieces() {
        String wire = "Asterisk Call Manager/5.0.2\r\n"
                + "Response: Success\r\nActionID: switchboard-login-1\r\nMessage: Authentication accepted\r\n\r\n"
                + "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n"
                + "Event: Hangup\r\nChannel: PJSIP/1001-00000001\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n";
        for (int piece : new int[] {1, 3, 7, 1000}) {
            AmiReader reader = new AmiReader();
            List<AmiMessage> packets = feedInPieces(reader, wire, piece);
            assertEquals("Asterisk Call Manager/5.0.2", reader.banner());
            assertEquals(3, packets.size(), "pieces of " + piece);
            assertEquals("Success", packets.get(0).response());
            assertEquals("Authentication accepted", packets.get(0).get("message"), "names regardless of case");
            assertNull(packets.get(1).response(), "an event is no response");
            assertEquals("Normal Clearing", packets.get(2).get("Cause-txt"));
        }
    }

    @Test
    void aBareLineFeedAValueWithColonsAndAnOldCommandsOutputAreTaken() {
        AmiReader reader = new AmiReader();
        List<AmiMessage> packets = feedInPieces(reader, "Asterisk Call Manager/1.1\n"
                + "Response: Follows\nPrivilege: Command\nAsterisk 1.4.44 built by root\n--END COMMAND--\n\n"
                + "Event: VarSet\nValue: a: b\n\n", 5);
        assertEquals(2, packets.size());
        assertEquals(List.of("Asterisk 1.4.44 built by root", "--END COMMAND--"), packets.get(0).all("Output"));
        assertEquals("a: b", packets.get(1).get("Value"));
    }

    @Test
    void aPeerThatIsNotAnAsteriskManagerIsRefused() {
        assertThrows(AmiProtocolException.class, () -> feedInPieces(new AmiReader(), "SSH-2.0-OpenSSH_9.2\r\n", 100));
        byte[] endless = new byte[AmiReader.MAX_LINE + 1];
        java.util.Arrays.fill(endless, (byte) 'x');
        AmiReader reader = new AmiReader();
        feedInPieces(reader, "Asterisk Call Manager/5.0.2\r\n", 100);
        assertThrows(AmiProtocolException.class, () -> reader.feed(endless, 0, endless.length));
    }

    @Test
    void anActionGoesOutAsCrlfLinesAndAValueCannotSmuggleAnotherAction() {
        assertEquals("Action: Ping\r\nActionID: 7\r\n\r\n",
                new String(AmiActions.ping("7").wire(), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> AmiMessage.of("Exten", "1\r\n\r\nAction: Originate"));
        assertEquals("{Action=Login, ActionID=1, Username=hub, Secret=***, Events=call,system}",
                AmiActions.login("1", "hub", "s3cret").toString(), "the secret stays out of logs");
    }
}
