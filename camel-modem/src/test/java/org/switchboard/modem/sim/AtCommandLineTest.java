package org.switchboard.modem.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AtCommandLineTest {

    @Test
    void splitsBasicAndChainedExtendedCommands() {
        assertEquals(Optional.of(List.of()), AtCommandLine.split("AT"));
        assertEquals(Optional.of(List.of("E0", "V1")), AtCommandLine.split("ATE0V1"));
        assertEquals(Optional.of(List.of("+CMGF=0", "+CNMI=2,1,0,2,0")),
                AtCommandLine.split("AT+CMGF=0;+CNMI=2,1,0,2,0"));
        assertEquals(Optional.of(List.of("E1", "+CMEE=1")), AtCommandLine.split("ATE1;+CMEE=1"));
        assertEquals(Optional.of(List.of("&F", "E0")), AtCommandLine.split("AT&FE0"));
        assertEquals(Optional.of(List.of("$TSSPCSW=?")), AtCommandLine.split("AT$TSSPCSW=?"));
    }

    @Test
    void isCaseInsensitiveOutsideQuotes() {
        assertEquals(Optional.of(List.of("+CSCA=\"+62abc\",145")), AtCommandLine.split("at+csca=\"+62abc\",145"));
        assertEquals(Optional.of(List.of("+CPIN=\"ab;c\"", "+CSQ")), AtCommandLine.split("aT+cpin=\"ab;c\";+csq"));
    }

    @Test
    void refusesWhatIsNoCommandLine() {
        assertTrue(AtCommandLine.split("\u001b").isEmpty());
        assertTrue(AtCommandLine.split("hello").isEmpty());
        assertTrue(AtCommandLine.split("AT#").isEmpty());
        assertTrue(AtCommandLine.split("AT&").isEmpty());
    }

    @Test
    void splitsArgumentsOutsideQuotes() {
        assertEquals(List.of("\"SM\"", "\"ME\"", "\"a,b\""), AtCommandLine.arguments("\"SM\",\"ME\",\"a,b\""));
        assertEquals("HEX", AtCommandLine.unquote(" \"HEX\" "));
    }

    @Test
    void worksOutTheTpduLengthFromTheSmscField() {
        assertEquals(28, SmsStorage.tpduLengthOf("05912618164211000C912618951949750000FF10C8329BFD0699E5EF36E81C6EB7EB"));
        assertEquals(0, SmsStorage.tpduLengthOf("zz"));
        assertEquals(0, SmsStorage.tpduLengthOf(""));
    }
}
