package org.switchboard.voicemail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64FileStreamTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 56, 57, 58, 114, 58_367, 58_368, 58_369, 116_736, 1_200_000})
    void encodesExactlyAsJakartaMailDoes(int size) throws Exception {
        byte[] data = random(size);
        Path file = Files.write(dir.resolve("msg0000.wav"), data);

        byte[] ours;
        try (InputStream in = new Base64FileStream(file)) {
            ours = readOddly(in);
        }
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (OutputStream enc = MimeUtility.encode(theirs, "base64")) {
            enc.write(data);
        }
        String actual = new String(ours, StandardCharsets.US_ASCII);
        assertEquals(theirs.toString(StandardCharsets.US_ASCII), actual);
        for (String line : actual.split("\r\n")) {
            assertTrue(line.length() <= 76, "line of " + line.length());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 1_200_000})
    void aMailCarryingThePartGivesTheFileBackByteForByte(int size) throws Exception {
        byte[] data = random(size);
        Path file = Files.write(dir.resolve("msg0001.wav"), data);
        Session session = Session.getInstance(new java.util.Properties());
        MimeMessage mail = new MimeMessage(session);
        mail.setSubject("test");
        MimeMultipart parts = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("hello", "UTF-8");
        parts.addBodyPart(text);
        parts.addBodyPart(new Base64FilePart(file, "audio/wav", "voicemail-1001-msg0001.wav"));
        mail.setContent(parts);
        mail.saveChanges();
        mail.saveChanges(); // the SMTP sender saves again: the part must survive it unchanged

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        mail.writeTo(wire);
        MimeMessage read = new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));
        MimeBodyPart attachment = (MimeBodyPart) ((MimeMultipart) read.getContent()).getBodyPart(1);
        assertEquals("voicemail-1001-msg0001.wav", attachment.getFileName());
        assertTrue(attachment.getContentType().startsWith("audio/wav"), attachment.getContentType());
        assertEquals("base64", attachment.getEncoding());
        try (InputStream in = attachment.getInputStream()) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    /** Reads in uneven pieces, single bytes among them, as stream users do. */
    private static byte[] readOddly(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1000];
        int round = 0;
        while (true) {
            if (round++ % 3 == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            } else {
                int n = in.read(buf, 0, 1 + (round * 37) % buf.length);
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
