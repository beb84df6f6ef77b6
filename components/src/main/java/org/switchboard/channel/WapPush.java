package org.switchboard.channel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A WAP push as far as the help desk can read one: the WSP push PDU's content type (WAP-230 8.2.4), and the link and
 * text of a Service Indication or Service Loading (WAP-167, WAP-168, in WBXML). Pure code; anything it cannot read
 * is simply not read (an MMS notification, a provisioning document, a broken PDU): the bytes are kept elsewhere.
 *
 * @param contentType the push's content type ({@code application/vnd.wap.sic}, ...)
 * @param href        the SI's or SL's link, or null
 * @param text        the SI's text, or null
 */
public record WapPush(String contentType, String href, String text) {
    static final String SI = "application/vnd.wap.sic";
    static final String SL = "application/vnd.wap.slc";
    private static final int PUSH = 0x06;
    private static final int CONFIRMED_PUSH = 0x07;
    private static final String[] SI_HREF = { null, null, null, null, null, null, null, null, null, null, null, "",
        "http://", "http://www.", "https://", "https://www." };
    private static final String[] SL_HREF = { null, null, null, null, null, null, null, null, "", "http://",
        "http://www.", "https://", "https://www." };
    private static final String[] VALUES = { ".com/", ".edu/", ".net/", ".org/" };

    /** One line for a person: the link and the text, or the content type when neither could be read. */
    public String summary() {
        if (href == null && text == null) {
            return contentType;
        }
        return (text == null ? "" : text + " ") + (href == null ? "" : href);
    }

    /** Reads a connectionless WSP push (transaction id, PDU type, headers, body); empty when it is not one. */
    public static Optional<WapPush> read(byte[] data) {
        try {
            Cursor c = new Cursor(data, 0);
            c.u8(); // transaction id
            int type = c.u8();
            if (type != PUSH && type != CONFIRMED_PUSH) {
                return Optional.empty();
            }
            int headersLength = c.uintvar();
            int bodyAt = c.at + headersLength;
            String contentType = contentType(c);
            if (bodyAt > data.length) {
                return Optional.empty();
            }
            if (contentType.equals(SI) || contentType.equals(SL)) {
                return Optional.of(wbxml(contentType, new Cursor(data, bodyAt)));
            }
            return Optional.of(new WapPush(contentType, null, null));
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static String contentType(Cursor c) {
        int first = c.peek();
        if (first <= 0x1F) {
            // Value-length, then the media type and its parameters
            if (first == 0x1F) {
                c.u8();
                c.uintvar();
            } else {
                c.u8();
            }
            first = c.peek();
        }
        if (first >= 0x80) {
            return switch (c.u8() & 0x7F) {
                case 0x2E -> SI;
                case 0x30 -> SL;
                case 0x3E -> "application/vnd.wap.mms-message";
                case 0x36 -> "application/vnd.wap.connectivity-wbxml";
                default -> String.format("content type 0x%02X", first & 0x7F);
            };
        }
        return c.string();
    }

    /** The href and text of an SI or SL document. */
    private static WapPush wbxml(String contentType, Cursor c) {
        boolean si = contentType.equals(SI);
        c.u8(); // WBXML version
        if (c.mbInt() == 0) {
            c.mbInt(); // public id as a string table index
        }
        c.mbInt(); // charset (UTF-8 for what SI and SL servers send)
        int tableLength = c.mbInt();
        int table = c.at;
        c.at += tableLength;
        StringBuilder href = null;
        StringBuilder text = new StringBuilder();
        boolean inHref = false;
        boolean inAttributes = false;
        while (c.at < c.data.length) {
            int t = c.u8();
            if (t == 0x00) {
                c.u8(); // SWITCH_PAGE
            } else if (t == 0x01) {
                inAttributes = false;
                inHref = false;
            } else if (t == 0x03 || t == 0x83) {
                String s = t == 0x03 ? c.string() : new Cursor(c.data, table + c.mbInt()).string();
                if (inAttributes) {
                    if (inHref) {
                        href.append(s);
                    }
                } else {
                    text.append(s);
                }
            } else if (t == 0xC3) {
                c.at += c.mbInt(); // OPAQUE: a date
            } else if (t == 0x02) {
                text.appendCodePoint(c.mbInt()); // ENTITY
            } else if (inAttributes) {
                if (t >= 0x85 && t <= 0x88) {
                    if (inHref) {
                        href.append(VALUES[t - 0x85]);
                    }
                } else if (t < 0x80) {
                    String[] starts = si ? SI_HREF : SL_HREF;
                    inHref = t < starts.length && starts[t] != null;
                    if (inHref) {
                        href = new StringBuilder(starts[t]);
                    }
                }
            } else if ((t & 0x3F) >= 0x05) {
                // a tag; with attributes (bit 7) they follow until END
                inAttributes = (t & 0x80) != 0;
                inHref = false;
            }
        }
        String body = text.toString().strip();
        return new WapPush(contentType, href == null ? null : href.toString(), body.isEmpty() ? null : body);
    }

    private static final class Cursor {
        final byte[] data;
        int at;

        Cursor(byte[] data, int at) {
            this.data = data;
            this.at = at;
        }

        int peek() {
            return data[at] & 0xFF;
        }

        int u8() {
            return data[at++] & 0xFF;
        }

        /** WSP's uintvar and WBXML's mb_u_int32: 7 bits an octet, the top bit set on all but the last. */
        int uintvar() {
            int v = 0;
            for (int i = 0; i < 5; i++) {
                int b = u8();
                v = v << 7 | b & 0x7F;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IndexOutOfBoundsException("uintvar longer than 5 octets");
        }

        int mbInt() {
            return uintvar();
        }

        /** A NUL-terminated UTF-8 string. */
        String string() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b = u8(); b != 0; b = u8()) {
                out.write(b);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
