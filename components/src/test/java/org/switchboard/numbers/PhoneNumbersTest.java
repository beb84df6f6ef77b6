package org.switchboard.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    private final PhoneNumbers numbers = new PhoneNumbers("ID");

    @ParameterizedTest
    @ValueSource(strings = {"0812-3456-7890", "+62 812 3456 7890", "081234567890", "+6281234567890", "62812 3456 7890",
            " (0812) 3456-7890 "})
    void indonesianMobileNumbersInAnyCommonNotationBecomeE164(String input) throws InvalidNumberException {
        assertEquals("+6281234567890", numbers.toE164(input));
    }

    @Test
    void foreignNumbersKeepTheirCountry() throws InvalidNumberException {
        assertEquals("+442079460958", numbers.toE164("+44 20 7946 0958"));
        assertEquals("+6591234567", numbers.toE164("+65 9123 4567"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "12", "+999999", "", "   ", "+62", "0812", "0812-ABCD-123", "1-800-FLOWERS"})
    void textThatIsNoValidNumberIsRefusedWithAOneLineReason(String input) {
        InvalidNumberException e = assertThrows(InvalidNumberException.class, () -> numbers.toE164(input));
        assertTrue(e.getMessage().startsWith("not a valid phone number: \""), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(input, e.input());
    }

    @Test
    void anInjectedLineBreakDoesNotSplitTheMessage() {
        InvalidNumberException e = assertThrows(InvalidNumberException.class, () -> numbers.toE164("abc\r\nX-Evil: 1"));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
    }

    @Test
    void nullIsInvalidNotACrash() {
        assertThrows(InvalidNumberException.class, () -> numbers.toE164(null));
        assertEquals(Optional.empty(), numbers.tryE164(null));
    }

    @Test
    void tryE164IsTheOptionalForm() {
        assertEquals(Optional.of("+6281234567890"), numbers.tryE164("0812-3456-7890"));
        assertEquals(Optional.empty(), numbers.tryE164("call me"));
    }

    @Test
    void isE164AcceptsOnlyTheCanonicalFormOfAValidNumber() {
        assertTrue(numbers.isE164("+6281234567890"));
        assertFalse(numbers.isE164("081234567890"));
        assertFalse(numbers.isE164("+62 812 3456 7890"));
        assertFalse(numbers.isE164("+999999"));
        assertFalse(numbers.isE164(null));
    }

    @Test
    void anUnknownRegionIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers("XX"));
        assertEquals("ID", new PhoneNumbers("id").defaultRegion());
    }
}
