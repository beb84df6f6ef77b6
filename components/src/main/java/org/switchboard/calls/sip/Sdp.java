package org.switchboard.calls.sip;

import java.util.ArrayList;
import java.util.List;

/** The little SDP the controller writes itself: an answer that declines every stream of an offer. */
final class Sdp {
    private Sdp() {
    }

    /**
     * An answer to {@code offer} refusing each of its media lines (port 0, RFC 3264 6): what the agent's 200 is ACKed
     * with when there is no customer's answer to give it, just before the hub's BYE.
     */
    static String declining(String offer) {
        List<String> media = new ArrayList<>();
        for (String line : offer.split("\r?\n")) {
            if (line.startsWith("m=")) {
                String[] f = line.substring(2).trim().split("\\s+");
                media.add("m=" + f[0] + " 0 " + (f.length > 2 ? f[2] : "RTP/AVP") + " " + (f.length > 3 ? f[3] : "0"));
            }
        }
        if (media.isEmpty()) {
            media.add("m=audio 0 RTP/AVP 0");
        }
        return "v=0\r\no=switchboard 0 0 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + String.join("\r\n", media) + "\r\n";
    }

    /** Whether a message body holds a session description worth offering or answering with. */
    static boolean present(String body) {
        return body != null && body.contains("m=");
    }
}
