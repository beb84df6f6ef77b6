package org.switchboard.voicemail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;

/**
 * An attachment whose content is a file, handed to jakarta.mail already base64-encoded. With its
 * Content-Transfer-Encoding named, {@code MimeBodyPart.writeTo} copies an encoded content stream as it is instead of
 * encoding the data again; reading the part's content decodes it as usual.
 */
final class Base64FilePart extends MimeBodyPart {
    private final Path file;

    Base64FilePart(Path file, String contentType, String filename) throws MessagingException {
        this.file = file;
        setHeader("Content-Type", contentType + "; name=\"" + filename + "\"");
        setHeader("Content-Transfer-Encoding", "base64");
        setDisposition(Part.ATTACHMENT);
        setFileName(filename);
    }

    @Override
    protected InputStream getContentStream() throws MessagingException {
        try {
            return new Base64FileStream(file);
        } catch (IOException e) {
            throw new MessagingException("cannot read the recording " + file, e);
        }
    }
}
