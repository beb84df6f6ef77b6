package org.switchboard.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * Finds the part of a mail that holds what its writer typed (text/plain preferred, else HTML turned into text)
 * and decodes it, reading no more than a reply can possibly need and never touching attachments.
 */
final class BodyText {

    /** Far more than any SMS reply: 6 parts are under 1,000 characters. */
    static final int MAX_TEXT_BYTES = 64 * 1024;
    /** HTML carries styles and markup around the same text, so it may be read further. */
    static final int MAX_HTML_BYTES = 512 * 1024;
    private static final int MAX_DEPTH = 8;

    /** Why a mail's text cannot be read, in words for the bounce. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private BodyText() {
    }

    /**
     * The mail's text, as decoded (quotes and signature still in it).
     *
     * @throws Unreadable         when the mail has no text part, an unknown charset or broken MIME
     * @throws MessagingException when the mailbox went away while reading: worth a retry, not a bounce
     */
    static String of(Part mail) throws Unreadable, MessagingException {
        try {
            Part plain = find(mail, "text/plain", 0);
            if (plain != null) {
                return decode(plain, MAX_TEXT_BYTES);
            }
            Part html = find(mail, "text/html", 0);
            if (html != null) {
                return HtmlText.toText(decode(html, MAX_HTML_BYTES));
            }
            throw new Unreadable(Bounces.NO_TEXT_PART);
        } catch (FolderClosedException | StoreClosedException | MessageRemovedException e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FolderClosedException || cause instanceof StoreClosedException
                    || cause instanceof MessageRemovedException) {
                throw (MessagingException) cause;
            }
            // The IMAP provider reports a lost folder inside content streams as these (provider-internal) classes.
            String name = e.getClass().getSimpleName();
            if (name.equals("FolderClosedIOException") || name.equals("MessageRemovedIOException")) {
                throw new MessagingException("mailbox closed while reading", e);
            }
            throw new Unreadable(Bounces.BROKEN_MIME);
        }
    }

    /**
     * The first inline part of that type, looking into multiparts the way a mail program shows them: the first
     * part of a mixed or signed multipart is the body, an alternative offers the same body in several types.
     */
    private static Part find(Part part, String type, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || isAttachment(part)) {
            return null;
        }
        if (part.isMimeType(type)) {
            return part;
        }
        if (!part.isMimeType("multipart/*")) {
            return null; // message/rfc822 is a forwarded mail, not the reply; images and the like have no text
        }
        Object content = part.getContent();
        if (!(content instanceof Multipart multipart)) {
            throw new MessagingException("multipart without parts");
        }
        int count = multipart.getCount();
        boolean alternative = part.isMimeType("multipart/alternative");
        for (int i = 0; i < count; i++) {
            BodyPart child = multipart.getBodyPart(i);
            Part found = find(child, type, depth + 1);
            if (found != null) {
                return found;
            }
            // In a mixed multipart only the body part counts; a text attachment further on is not the reply.
            if (!alternative && i == 0 && hasAnyText(child, depth + 1)) {
                return null;
            }
        }
        return null;
    }

    private static boolean hasAnyText(Part part, int depth) throws MessagingException, IOException {
        return find(part, "text/plain", depth) != null || find(part, "text/html", depth) != null;
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        String disposition;
        try {
            disposition = part.getDisposition();
        } catch (ParseException e) {
            disposition = null;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
            return true;
        }
        try {
            return part.getFileName() != null && !part.isMimeType("multipart/*");
        } catch (ParseException e) {
            return false;
        }
    }

    private static String decode(Part part, int maxBytes) throws MessagingException, IOException, Unreadable {
        ContentType type;
        try {
            type = new ContentType(part.getContentType());
        } catch (ParseException e) {
            throw new Unreadable(Bounces.BROKEN_MIME);
        }
        String text = decode(part, type.getParameter("charset"), maxBytes);
        if ("flowed".equalsIgnoreCase(type.getParameter("format"))) {
            return unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
        }
        return text;
    }

    private static String decode(Part part, String charsetName, int maxBytes)
            throws MessagingException, IOException, Unreadable {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(maxBytes);
        }
        if (charsetName == null || charsetName.isBlank()) {
            return guess(bytes);
        }
        Charset charset;
        try {
            charset = Charset.forName(MimeUtility.javaCharset(charsetName.trim()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new Unreadable(Bounces.unknownCharset(charsetName));
        }
        if (charset.name().equalsIgnoreCase("US-ASCII")) {
            return guess(bytes); // mail programs label 8-bit text as ASCII; UTF-8 is a superset of it anyway
        }
        return new String(bytes, charset);
    }

    /**
     * Joins the lines that format=flowed (RFC 3676) broke only for transport, as Thunderbird and Apple Mail send
     * them: otherwise a paragraph typed as one line would reach the phone with line breaks every 72 characters.
     */
    static String unflow(String text, boolean delSp) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int previousDepth = -1;
        boolean joining = false;
        for (String raw : lines) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1); // space-stuffing
            }
            if (joining && depth != previousDepth) {
                out.append('\n'); // a soft break never joins lines of different quote depth
                joining = false;
            }
            if (!joining) {
                out.append(">".repeat(depth)).append(depth > 0 && !line.isEmpty() ? " " : "");
            }
            boolean soft = line.endsWith(" ") && !line.equals("-- ");
            out.append(soft && delSp ? line.substring(0, line.length() - 1) : line);
            if (!soft) {
                out.append('\n');
            }
            joining = soft;
            previousDepth = depth;
        }
        return out.toString();
    }

    /** Text without a charset: UTF-8 when it is valid UTF-8, else the Windows code page most such mail is in. */
    private static String guess(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(trimCutCharacter(bytes))).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** Drops a UTF-8 sequence that the size cap cut in two, so that the cut alone does not fail the guess. */
    private static byte[] trimCutCharacter(byte[] bytes) {
        int end = bytes.length;
        int back = 0;
        while (end > 0 && back < 4 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
            back++;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            int lead = bytes[end - 1] & 0xFF;
            int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
            if (needed > back) {
                return Arrays.copyOf(bytes, end - 1);
            }
        }
        return bytes;
    }
}
