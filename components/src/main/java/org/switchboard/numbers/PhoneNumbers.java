package org.switchboard.numbers;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Turns the numbers people type (national, spaced, dashed) into E.164, the only form the hub stores. */
public final class PhoneNumbers {

    // The same shape as the CHECK constraints in the migrations.
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region that national numbers ("0812...") belong to, e.g. "ID" */
    public PhoneNumbers(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.trim().toUpperCase(java.util.Locale.ROOT);
        if (!util.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region: " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    String defaultRegion() {
        return defaultRegion;
    }

    public String toE164(String input) throws InvalidNumberException {
        if (input == null || input.isBlank()) {
            throw new InvalidNumberException(input, "empty");
        }
        PhoneNumber parsed;
        try {
            parsed = util.parse(input.trim(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidNumberException(input, reason(e));
        }
        // libphonenumber reads letters as keypad digits (1-800-FLOWERS); in a contact list a letter is a typo, and
        // taking it would send the SMS to somebody else's number.
        if (input.chars().anyMatch(Character::isLetter)) {
            throw new InvalidNumberException(input, "letters in a number");
        }
        if (!util.isValidNumber(parsed)) {
            throw new InvalidNumberException(input, "no such number in region "
                    + Optional.ofNullable(util.getRegionCodeForNumber(parsed)).orElse("+" + parsed.getCountryCode()));
        }
        return util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    public Optional<String> tryE164(String input) {
        try {
            return Optional.of(toE164(input));
        } catch (InvalidNumberException e) {
            return Optional.empty();
        }
    }

    /** True when the text is already in E.164 form and a valid number, i.e. {@code toE164} would return it unchanged. */
    public boolean isE164(String input) {
        return input != null && E164.matcher(input).matches() && tryE164(input).filter(input::equals).isPresent();
    }

    /** The number's digits as dialled inside its country (+6281234567890: 081234567890), or empty if unparsable. */
    public Optional<String> nationalDigits(String e164) {
        try {
            return Optional.of(util.format(util.parse(e164, defaultRegion),
                    PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replaceAll("\\D", ""));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String reason(NumberParseException e) {
        switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE:
                return "unknown country code";
            case NOT_A_NUMBER:
                return "not a number";
            case TOO_SHORT_AFTER_IDD:
            case TOO_SHORT_NSN:
                return "too short";
            case TOO_LONG:
                return "too long";
            default:
                return e.getErrorType().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
