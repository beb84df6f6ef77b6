package org.switchboard.hub.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.switchboard.hub.TestHttp;

/**
 * HTTP/1.1 spoken over one raw socket, as a keep-alive client does, signed in as the test's admin: what a test needs to
 * see whether the hub keeps a connection open after an answer, or says it will close it.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A request line sent as it is, bytes the client libraries would refuse to send included. */
    static Answer get(Socket socket, String rawPath) throws IOException {
        String head = "GET " + rawPath + " HTTP/1.1\r\nHost: " + TestHttp.HOST + "\r\nAuthorization: "
                + TestHttp.basic("admin", TestHttp.ADMIN_PASSWORD) + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return Answer.read(socket.getInputStream());
    }

    static Answer post(Socket socket, String path, String type, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + TestHttp.HOST + "\r\nAuthorization: "
                + TestHttp.basic("admin", TestHttp.ADMIN_PASSWORD) + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + content.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        return Answer.read(socket.getInputStream());
    }

    /** One HTTP/1.1 answer read off the connection: its status, headers (names lower-cased) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            assertTrue(statusLine.startsWith("HTTP/1.1 "), "the server answered: \"" + statusLine + "\"");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            }
            return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers,
                    body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return line.length() == 0 ? "<the server closed the connection>" : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
