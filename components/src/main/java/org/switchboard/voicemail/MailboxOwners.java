package org.switchboard.voicemail;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.Sql;

/**
 * Mailbox to owner: the settings ({@code switchboard.voicemail.mailbox.1001=helpdesk@switchboard.local, +6281100000001})
 * first, else the contact whose attributes hold {@code voicemail_mailbox} = the mailbox (the contact's number gets the
 * SMS, its {@code email} attribute the email). An unknown mailbox has no owner.
 */
public final class MailboxOwners {

    public static final String SETTINGS_PREFIX = "switchboard.voicemail.mailbox.";
    public static final String MAILBOX_ATTRIBUTE = "voicemail_mailbox";
    public static final String EMAIL_ATTRIBUTE = "email";

    // Asterisk mailboxes are digits; "1001@default" names one in another voicemail context.
    private static final Pattern MAILBOX = Pattern.compile("[0-9A-Za-z_.-]{1,40}(?:@[0-9A-Za-z_.-]{1,40})?");

    // A number in settings must already be E.164; the region only matters for national numbers, which are refused.
    private static final PhoneNumbers E164 = new PhoneNumbers("ID");

    private final Map<String, MailboxOwner> configured;
    private final DataSource contacts;

    /**
     * @param configured owners from the settings ({@link #fromSettings})
     * @param contacts   the database whose contacts are asked next; null to use the settings only
     */
    public MailboxOwners(Map<String, MailboxOwner> configured, DataSource contacts) {
        this.configured = Map.copyOf(configured);
        this.contacts = contacts;
    }

    /**
     * The owners named in settings: every key {@code switchboard.voicemail.mailbox.<mailbox>} with the value
     * {@code email} or {@code email, +E164}; other keys are ignored.
     *
     * @throws IllegalArgumentException for a malformed entry, naming it: a typo must stop the start, not lose mail
     */
    public static Map<String, MailboxOwner> fromSettings(Map<String, String> settings) {
        Map<String, MailboxOwner> owners = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(SETTINGS_PREFIX)) {
                String mailbox = key.substring(SETTINGS_PREFIX.length());
                owners.put(mailbox, parse(mailbox, value));
            }
        });
        return owners;
    }

    /** One settings entry's value, {@code helpdesk@switchboard.local} or {@code helpdesk@switchboard.local, +6281100000001}. */
    public static MailboxOwner parse(String mailbox, String value) {
        String where = SETTINGS_PREFIX + mailbox;
        if (!MAILBOX.matcher(mailbox).matches()) {
            throw new IllegalArgumentException(where + ": not a mailbox name");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": no owner given");
        }
        String email = null;
        String sms = null;
        for (String part : value.split("[,;]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains("@")) {
                if (email != null) {
                    throw new IllegalArgumentException(where + ": two email addresses");
                }
                email = address(p, where);
            } else {
                if (sms != null) {
                    throw new IllegalArgumentException(where + ": two SMS numbers");
                }
                if (!E164.isE164(p)) {
                    throw new IllegalArgumentException(where + ": not an E.164 number: " + p);
                }
                sms = p;
            }
        }
        return new MailboxOwner(mailbox, email, sms, "settings");
    }

    private static String address(String text, String where) {
        try {
            InternetAddress a = new InternetAddress(text, true);
            a.validate();
            return a.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(where + ": not an email address: " + text, e);
        }
    }

    /** The owner of {@code mailbox}: from the settings, else from a contact; empty when nobody owns it. */
    public Optional<MailboxOwner> owner(String mailbox) {
        if (mailbox == null) {
            return Optional.empty();
        }
        MailboxOwner owner = configured.get(mailbox);
        if (owner == null) {
            owner = configured.get(mailbox.toLowerCase(Locale.ROOT));
        }
        if (owner != null || contacts == null) {
            return Optional.ofNullable(owner);
        }
        return fromContacts(mailbox);
    }

    private Optional<MailboxOwner> fromContacts(String mailbox) {
        return Sql.inTransaction(contacts, "finding the owner of voicemail mailbox " + mailbox, c -> {
            // The containment test is served by the GIN index on contact.attributes; the oldest contact wins a tie.
            try (PreparedStatement ps = c.prepareStatement("SELECT number, attributes ->> ? FROM contact"
                    + " WHERE attributes @> jsonb_build_object(?::text, ?::text) ORDER BY id LIMIT 1")) {
                ps.setString(1, EMAIL_ATTRIBUTE);
                ps.setString(2, MAILBOX_ATTRIBUTE);
                ps.setString(3, mailbox);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<MailboxOwner>empty();
                    }
                    String email = rs.getString(2);
                    if (email != null) {
                        try {
                            email = address(email.trim(), "contact " + rs.getString(1) + " email");
                        } catch (IllegalArgumentException e) {
                            email = null; // a bad address in the contact list still leaves the SMS
                        }
                    }
                    return Optional.of(new MailboxOwner(mailbox, email, rs.getString(1), "contact " + rs.getString(1)));
                }
            }
        });
    }
}
