package org.switchboard.calls.ami;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PBX's side of an AMI connection from bytes as they arrive, in whatever pieces: first the banner line
 * ({@code Asterisk Call Manager/5.0.2}), then packets of {@code Name: value} lines, each ended by an empty line. Lines
 * end in CRLF (a bare LF is taken too). A line without a colon (the output of an old {@code Response: Follows}
 * command) is kept as an {@code Output} field. No I/O: the transport feeds it.
 */
public final class AmiReader {
    /** Asterisk's manager banner; what follows the slash is the protocol's version, not Asterisk's. */
    public static final String BANNER_PREFIX = "Asterisk Call Manager/";
    /** The longest line taken: a peer that sends more without a line end is not speaking AMI. */
    static final int MAX_LINE = 64 * 1024;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private AmiMessage.Builder packet;
    private String banner;

    /** The banner line, once read; null before. */
    public String banner() {
        return banner;
    }

    /**
     * Takes the next bytes and answers the packets they completed, in order.
     *
     * @throws AmiProtocolException when the first line is not an AMI banner, or a line is too long
     */
    public List<AmiMessage> feed(byte[] bytes, int offset, int length) {
        List<AmiMessage> done = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                takeLine(done);
            } else if (b != '\r') {
                if (line.size() >= MAX_LINE) {
                    throw new AmiProtocolException("a line of more than " + MAX_LINE + " bytes: not an AMI peer");
                }
                line.write(b);
            }
        }
        return done;
    }

    private void takeLine(List<AmiMessage> done) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (banner == null) {
            if (!text.startsWith(BANNER_PREFIX)) {
                throw new AmiProtocolException("the peer's first line is not Asterisk's manager banner: " + shortened(text));
            }
            banner = text;
            return;
        }
        if (text.isEmpty()) {
            if (packet != null) {
                done.add(packet.build());
                packet = null;
            }
            return;
        }
        if (packet == null) {
            packet = AmiMessage.builder();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            packet.add("Output", text);
        } else {
            String value = text.substring(colon + 1);
            packet.add(text.substring(0, colon).strip(), value.startsWith(" ") ? value.substring(1) : value);
        }
    }

    private static String shortened(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
