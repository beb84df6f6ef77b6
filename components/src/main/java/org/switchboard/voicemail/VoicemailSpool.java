package org.switchboard.voicemail;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Asterisk's voicemail spool, {@code <spool>/<context>/<mailbox>/INBOX/msgNNNN.txt} next to
 * {@code msgNNNN.wav} (or {@code .WAV}, {@code .gsm}). Reading never throws: a spool the hub cannot reach gives no
 * recordings and the reason, and the notification goes out without attachments.
 */
public final class VoicemailSpool {

    public static final String DEFAULT_CONTEXT = "default";
    /** Asterisk's own default spool directory. */
    public static final Path DEFAULT_SPOOL = Path.of("/var/spool/asterisk/voicemail");

    private static final Pattern TEXT_FILE = Pattern.compile("msg(\\d{4})\\.txt");
    private static final Pattern SAFE_NAME = Pattern.compile("[0-9A-Za-z_.-]{1,80}");
    // In the order Asterisk's format=wav49|gsm|wav lists them most often; the first found is attached.
    private static final List<String> AUDIO = List.of("wav", "WAV", "gsm");
    private static final int MAX_TEXT_BYTES = 16 * 1024;

    private final Path spool;
    private final String context;

    public VoicemailSpool(Path spool, String context) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.context = context == null || context.isBlank() ? DEFAULT_CONTEXT : context.trim();
    }

    /** The INBOX folder of {@code mailbox} ("1001", or "1001@othercontext"). */
    public Path inbox(String mailbox) {
        String box = mailbox;
        String ctx = context;
        int at = mailbox.indexOf('@');
        if (at > 0) {
            box = mailbox.substring(0, at);
            ctx = mailbox.substring(at + 1);
        }
        if (!SAFE_NAME.matcher(box).matches() || !SAFE_NAME.matcher(ctx).matches() || box.startsWith(".")
                || ctx.startsWith(".")) {
            // The mailbox comes off the network: it must not walk out of the spool ("../../etc").
            throw new IllegalArgumentException("not a mailbox name: " + mailbox);
        }
        return spool.resolve(ctx).resolve(box).resolve("INBOX");
    }

    /** Every recording in the mailbox's INBOX, newest first. */
    public Listing recordings(String mailbox) {
        Path inbox;
        try {
            inbox = inbox(mailbox);
        } catch (IllegalArgumentException e) {
            return new Listing(List.of(), List.of(e.getMessage()));
        }
        List<Recording> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(inbox, "msg[0-9][0-9][0-9][0-9].txt")) {
            for (Path txt : dir) {
                try {
                    found.add(read(mailbox, txt));
                } catch (IOException | RuntimeException e) {
                    problems.add(txt.getFileName() + ": " + describe(e));
                }
            }
        } catch (NoSuchFileException e) {
            return new Listing(List.of(), List.of("no voicemail folder " + inbox));
        } catch (NotDirectoryException e) {
            return new Listing(List.of(), List.of("not a folder: " + inbox));
        } catch (AccessDeniedException e) {
            return new Listing(List.of(), List.of("no permission to read " + inbox));
        } catch (IOException | RuntimeException e) {
            return new Listing(List.of(), List.of("cannot read " + inbox + ": " + describe(e)));
        }
        found.sort(Comparator.comparing(Recording::date).thenComparingInt(Recording::messageNumber).reversed());
        return new Listing(List.copyOf(found), List.copyOf(problems));
    }

    /**
     * The recordings newer than the one last notified: a later {@code origtime}, or the same second with a higher
     * message number. Newest first.
     */
    Listing newerThan(String mailbox, Instant lastDate, int lastMessageNumber) {
        Listing all = recordings(mailbox);
        List<Recording> newer = all.recordings().stream()
                .filter(r -> r.date().isAfter(lastDate)
                        || (r.date().equals(lastDate) && r.messageNumber() > lastMessageNumber))
                .toList();
        return new Listing(newer, all.problems());
    }

    private static Recording read(String mailbox, Path txt) throws IOException {
        Matcher name = TEXT_FILE.matcher(txt.getFileName().toString());
        if (!name.matches()) {
            throw new IOException("not a message file name");
        }
        int number = Integer.parseInt(name.group(1));
        Map<String, String> message = messageSection(txt);
        if (message.isEmpty()) {
            throw new IOException("no [message] section");
        }
        String origtime = message.get("origtime");
        if (origtime == null || !origtime.matches("\\d{1,12}")) {
            throw new IOException("no origtime");
        }
        String duration = message.getOrDefault("duration", "0");
        Path audio = null;
        String base = txt.getFileName().toString().replace(".txt", ".");
        for (String ext : AUDIO) {
            Path candidate = txt.resolveSibling(base + ext);
            if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                audio = candidate;
                break;
            }
        }
        return new Recording(mailbox, number, audio, CallerId.parse(message.get("callerid")),
                Instant.ofEpochSecond(Long.parseLong(origtime)),
                Duration.ofSeconds(duration.matches("\\d{1,9}") ? Long.parseLong(duration) : 0),
                message.get("msg_id"), message.get("category"), message.get("flag"));
    }

    /**
     * The keys of the {@code [message]} section, as app_voicemail writes them: {@code ;} comment lines, then
     * {@code key=value} lines (the value runs to the end of the line, quotes and all).
     */
    static Map<String, String> messageSection(Path txt) throws IOException {
        if (Files.size(txt) > MAX_TEXT_BYTES) {
            throw new IOException("too large for a message file");
        }
        Map<String, String> values = new HashMap<>();
        String section = null;
        // Strict UTF-8: a binary file is rejected instead of being read as text full of replacement characters.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(txt),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            for (String line; (line = in.readLine()) != null; ) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith(";") || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("[") && l.endsWith("]")) {
                    section = l.substring(1, l.length() - 1).trim();
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq > 0 && "message".equals(section)) {
                    values.putIfAbsent(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
                }
            }
        } catch (CharacterCodingException e) {
            throw new IOException("not a text file", e);
        }
        return values;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What a look into the spool found: recordings, newest first, and the problems met (empty when none). */
    public record Listing(List<Recording> recordings, List<String> problems) {

        public boolean complete() {
            return problems.isEmpty();
        }

        /**
         * The {@code n} newest recordings: Asterisk keeps unheard messages in INBOX, so for a NOTIFY with n new
         * messages these are the ones it announces.
         */
        public Listing newest(int n) {
            return new Listing(recordings.subList(0, Math.max(0, Math.min(n, recordings.size()))), problems);
        }
    }
}
