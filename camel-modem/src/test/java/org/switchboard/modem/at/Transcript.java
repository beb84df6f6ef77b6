package org.switchboard.modem.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dialogue to replay: the shared peer transcripts' format (HOST->MODEM / MODEM->HOST with Python-repr bytes)
 * plus, in the project's own transcripts, {@code WAIT <ms>}, {@code TIMEOUT <ms>} (for the commands that follow),
 * {@code PAYLOAD '<hex>'} and {@code EXPECT <event>} lines (see {@link EventLog}).
 */
record Transcript(String name, List<Step> steps) {

    sealed interface Step {
    }

    record Host(byte[] bytes) implements Step {
        boolean isCommand() {
            return bytes.length > 0 && bytes[bytes.length - 1] == '\r';
        }
    }

    record Modem(byte[] bytes) implements Step {
    }

    record Wait(long millis) implements Step {
    }

    record CommandTimeout(long millis) implements Step {
    }

    record Expect(String event) implements Step {
    }

    /** The prompt payload of the command before it, for when the host never got to write it (no prompt came). */
    record Payload(String payload) implements Step {
    }

    static Transcript read(Path file) throws IOException {
        // ISO-8859-1 keeps every byte as one char: some fixtures hold bytes that are not UTF-8.
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    static Transcript parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("HOST->MODEM ")) {
                steps.add(new Host(Escapes.unescape(line.substring(12).strip())));
            } else if (line.startsWith("MODEM->HOST ")) {
                steps.add(new Modem(Escapes.unescape(line.substring(12).strip())));
            } else if (line.startsWith("WAIT ")) {
                steps.add(new Wait(Long.parseLong(line.substring(5).strip())));
            } else if (line.startsWith("TIMEOUT ")) {
                steps.add(new CommandTimeout(Long.parseLong(line.substring(8).strip())));
            } else if (line.startsWith("PAYLOAD ")) {
                steps.add(new Payload(Escapes.latin1(Escapes.unescape(line.substring(8).strip()))));
            } else if (line.startsWith("EXPECT ")) {
                steps.add(new Expect(line.substring(7).strip()));
            } else {
                throw new IllegalArgumentException(name + ":" + number + ": cannot read " + line);
            }
        }
        return new Transcript(name, steps);
    }

    List<String> expectations() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Expect e) {
                out.add(e.event());
            }
        }
        return out;
    }
}
