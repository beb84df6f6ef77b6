package org.switchboard.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Properties;

/** Builds, writes and parses mails for the tests, the way they travel: as bytes. */
final class Mails {

    static final Session SESSION = Session.getInstance(new Properties());
    static final MailSettings SETTINGS = TestMailSettings.embeddedDefault(ZoneId.of("Asia/Jakarta"));

    private Mails() {
    }

    static byte[] bytes(MimeMessage mail) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    static MimeMessage roundTrip(MimeMessage mail) throws MessagingException {
        return parse(bytes(mail));
    }

    /** Raw text with LF line ends, as a mail file would hold it; CRLF is what SMTP and IMAP would carry. */
    static MimeMessage raw(String text) throws MessagingException {
        return parse(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A test mail from src/test/resources/org/switchboard/mail/. */
    static MimeMessage eml(String name) throws MessagingException, IOException {
        try (InputStream in = Mails.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test mail " + name);
            }
            return new MimeMessage(SESSION, in);
        }
    }

    /** The header part of the written mail, for checks that no header was added behind jakarta.mail's back. */
    static String headerBlock(MimeMessage mail) {
        String text = new String(bytes(mail), StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2);
    }
}
