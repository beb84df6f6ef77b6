package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;

/**
 * The admissions office's broadcast, end to end against real parts: 700 contacts imported from CSV over the API (some
 * numbers invalid, one student twice), a saved segment, a staff email to SEGMENT@broadcast domain, the preview email,
 * a YES reply, four simulated modems with some numbers refused by the network (+CMS ERROR), and the report email,
 * whose CSV must match what the simulated network delivered exactly. A reply sent while the broadcast runs goes out
 * at once, and a stranger's broadcast request sends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionsBroadcastTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STAFF = "staff@switchboard.local";
    private static final String SCHOOL = "SMA N 1 Yogyakarta";
    private static final String[] FIRST = {"Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Putri", "Andi", "Wulan"};
    private static final String[] LAST = {"Wijaya", "Santoso", "Lestari", "Pratama", "Hidayat", "Kusuma", "Saputra"};
    /** Numbers the network refuses, with the +CMS code it answers: all permanent, so they fail at once. */
    private static final Map<String, Integer> REFUSED = new LinkedHashMap<>();

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private MailboxClient mail;
    private int httpPort;
    /** The segment's expected recipients: E.164 number -> the contact's row. */
    private final Map<String, String[]> expected = new LinkedHashMap<>();
    private final Set<String> optedOut = new TreeSet<>();

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of(
                "switchboard.simulator.modems", "4",
                "switchboard.broadcast.report-grace-millis", "5000",
                "switchboard.broadcast.report-poll-millis", "200"));
        httpPort = hub.httpPort();
        mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(), hub.hub().embeddedMail().imapPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    /** 700 students: 10 rows with numbers that are no numbers, and one student listed twice in two notations. */
    private String admissionsCsv() {
        StringBuilder csv = new StringBuilder("name,phone,school,major,graduation_year\n");
        for (int i = 0; i < 690; i++) {
            String name = FIRST[i % FIRST.length] + " " + LAST[i % LAST.length];
            String school = i % 7 == 0 ? "SMA N 3 Yogyakarta" : SCHOOL;
            String major = i % 2 == 0 ? "IPA" : "IPS";
            String year = i % 5 == 0 ? "2017" : "2018";
            String national = "0812" + (10000000 + i);
            csv.append('"').append(name).append("\",").append(national).append(',').append(school).append(',')
                    .append(major).append(',').append(year).append('\n');
            if (school.equals(SCHOOL) && year.equals("2018")) {
                expected.put("+62812" + (10000000 + i), new String[] {name, major});
            }
        }
        String[] invalid = {"12345", "0812-ABCD-123", "+1 555", "", "99", "0000000000", "+62", "08", "abc", "0812345"};
        for (int i = 0; i < invalid.length; i++) {
            csv.append("\"Salah ").append(i).append(" Nomor\",\"").append(invalid[i]).append("\",").append(SCHOOL)
                    .append(",IPA,2018\n");
        }
        // The second student again, international form, another name and major: one contact, the later row's values.
        csv.append("\"Budi Wijaya\",+6281210000001,").append(SCHOOL).append(",IPA,2018\n");
        expected.put("+6281210000001", new String[] {"Budi Wijaya", "IPA"});
        return csv.toString();
    }

    @Test
    @Order(1)
    void contactsImportReportsEveryBadRow() throws Exception {
        JsonNode report = json(http("POST", "/api/contacts/import", "text/csv", admissionsCsv(), 200));
        assertEquals(10, report.get("rejected").size(), report.toString());
        assertEquals(690, hub.query("SELECT count(*) AS n FROM contact").get(0).get("n") instanceof Long n ? n.intValue() : -1);

        http("PUT", "/api/segments/sma1-2018", "application/json",
                "{\"filter\": \"school=" + SCHOOL + "; graduation_year=2018\", \"description\": \"Kelas 2018\"}", 201);
    }

    @Test
    @Order(2)
    void stopOptsOutAndAStrangerCannotBroadcast() throws Exception {
        // Three students text STOP before the broadcast.
        List<String> numbers = new ArrayList<>(expected.keySet());
        for (String n : List.of(numbers.get(3), numbers.get(40), numbers.get(77))) {
            hub.hub().simulator().modem(1).inbound(n, "STOP");
            optedOut.add(n);
        }
        await().atMost(WAIT).until(() -> hub.query("SELECT number FROM opt_out").size() == 3);

        MimeMessage forged = mail.compose();
        forged.setFrom(new InternetAddress("eve@evil.example"));
        forged.setRecipients(Message.RecipientType.TO, "sma1-2018@broadcast.switchboard.local");
        forged.setSubject("Pengumuman");
        forged.setHeader("Message-ID", "<forged-1@evil.example>");
        forged.setText("Transfer biaya pendaftaran ke rekening 123", "UTF-8");
        mail.send(forged);

        MimeMessage bounce = InProcessHub.awaitMail(mail, "eve@evil.example", "eve@evil.example",
                m -> InProcessHub.subjectOf(m).startsWith("Not sent"));
        assertTrue(((String) bounce.getContent()).contains("staff"), "says why");
        await().atMost(WAIT).until(() -> hub.journal("email").stream()
                .anyMatch(r -> r.get("hop").equals("email-refused") && String.valueOf(r.get("detail")).contains("staff")));
        assertEquals(0, hub.query("SELECT id FROM broadcast").size());
        assertEquals(0, hub.query("SELECT id FROM outbound_sms").size());
    }

    @Test
    @Order(3)
    void theBroadcastIsPreviewedConfirmedSentAndReported() throws Exception {
        List<String> numbers = new ArrayList<>(expected.keySet());
        for (int i = 10; i < numbers.size(); i += 61) {
            REFUSED.put(numbers.get(i), i % 2 == 0 ? 1 : 21);
        }
        for (SimModem m : hub.hub().simulator().modems()) {
            REFUSED.forEach(m::failNumber);
            m.latency(80); // a broadcast of some seconds, for a reply to overtake
        }

        MimeMessage request = mail.compose();
        request.setFrom(new InternetAddress(STAFF, "Staf Admisi"));
        request.setRecipients(Message.RecipientType.TO, "SMA1-2018@broadcast.switchboard.local");
        request.setSubject("Daftar ulang");
        request.setHeader("Message-ID", "<broadcast-request-1@switchboard.local>");
        request.setText("Halo {first_name}, selamat! Anda diterima di jurusan {major}. Daftar ulang sebelum 1 Juli.\n\n"
                + "-- \nPanitia PPDB", "UTF-8");
        mail.send(request);

        int recipients = expected.size() - optedOut.size();
        MimeMessage preview = InProcessHub.awaitMail(mail, STAFF, "staff",
                m -> InProcessHub.subjectOf(m).contains("Broadcast #"));
        String previewText = textOf(preview);
        assertTrue(previewText.contains(String.valueOf(recipients)), previewText);
        assertTrue(previewText.contains("Halo Budi, selamat! Anda diterima di jurusan"), previewText);
        assertEquals(0, hub.delivered().size(), "nothing is sent before the YES");

        MimeMessage yes = mail.compose();
        yes.setFrom(new InternetAddress(STAFF));
        yes.setRecipients(Message.RecipientType.TO, preview.getFrom());
        yes.setSubject("Re: " + preview.getSubject(), "UTF-8");
        yes.setHeader("Message-ID", "<yes-1@switchboard.local>");
        yes.setHeader("In-Reply-To", preview.getMessageID());
        yes.setHeader("References", preview.getMessageID());
        yes.setText("YES\n\nOn Thu, Broadcast wrote:\n> " + previewText.replace("\n", "\n> "), "UTF-8");
        mail.send(yes);

        // While the broadcast is going out, a staff reply to one number overtakes it.
        await().atMost(WAIT).until(() -> hub.delivered().size() >= 20);
        MimeMessage single = mail.compose();
        single.setFrom(new InternetAddress(STAFF));
        single.setRecipients(Message.RecipientType.TO, "081399990001@sms.switchboard.local");
        single.setSubject("Jawaban");
        single.setHeader("Message-ID", "<single-1@switchboard.local>");
        single.setText("Berkas Anda sudah kami terima.", "UTF-8");
        mail.send(single);
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals("+6281399990001")));

        MimeMessage report = InProcessHub.awaitMail(mail, STAFF, "staff",
                m -> InProcessHub.subjectOf(m).toLowerCase().contains("report"));
        // The reply went out while the broadcast was still sending: it did not wait at the end of the queue.
        Object overtaken = hub.query("SELECT count(*) AS n FROM outbound_sms b, outbound_sms r"
                + " WHERE b.broadcast_id IS NOT NULL AND r.recipient = '+6281399990001' AND b.sent_at > r.sent_at")
                .get(0).get("n");
        assertTrue(((Number) overtaken).longValue() > 0, "broadcast SMS sent after the reply: " + overtaken);
        Map<String, String> statusByNumber = new HashMap<>();
        Map<String, String> codeByNumber = new HashMap<>();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(attachment(report), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                assertTrue(statusByNumber.put(r.get("number"), r.get("status")) == null, "one row per recipient");
                codeByNumber.put(r.get("number"), r.get("error_code"));
            }
        }
        Set<String> wanted = new HashSet<>(expected.keySet());
        wanted.removeAll(optedOut);
        assertEquals(wanted, statusByNumber.keySet(), "every recipient, opted-out ones excluded");

        Set<String> networkGot = new HashSet<>();
        for (DeliveredSms d : hub.delivered()) {
            if (expected.containsKey(d.to())) {
                assertTrue(networkGot.add(d.to()), "one SMS per recipient: " + d.to());
                String[] contact = expected.get(d.to());
                assertEquals("Halo " + contact[0].split(" ")[0] + ", selamat! Anda diterima di jurusan " + contact[1]
                        + ". Daftar ulang sebelum 1 Juli.", d.text());
            }
        }
        Set<String> reportedSent = new HashSet<>();
        statusByNumber.forEach((n, s) -> {
            if (s.equals("sent") || s.equals("delivered")) {
                reportedSent.add(n);
            }
        });
        assertEquals(networkGot, reportedSent, "the report's sent list is the network's delivered list");
        for (Map.Entry<String, Integer> r : REFUSED.entrySet()) {
            if (wanted.contains(r.getKey())) {
                assertEquals("failed", statusByNumber.get(r.getKey()));
                assertEquals(String.valueOf(r.getValue()), codeByNumber.get(r.getKey()));
            }
        }
        String summary = textOf(report);
        long refusedRecipients = REFUSED.keySet().stream().filter(wanted::contains).count();
        assertTrue(summary.matches("(?s).*\\RSent:\\s+" + networkGot.size() + "\\R.*"), summary);
        assertTrue(summary.matches("(?s).*\\RFailed:\\s+" + refusedRecipients + "\\R.*"), summary);
        assertTrue(summary.matches("(?s).*\\RRecipients:\\s+" + wanted.size() + "\\R.*"), summary);
    }

    @Test
    @Order(4)
    void anAdHocBroadcastIsConfirmedThroughTheApi() throws Exception {
        // to: major=IPS; graduation_year=2017 picks rows i % 10 == 5 of the school: more than the threshold of 50
        MimeMessage preview = requestAndPreview("<adhoc-1@switchboard.local>",
                "to: major = IPS; graduation_year = 2017\nRapat orang tua {name}: Sabtu 09.00.");
        long id = Long.parseLong(preview.getHeader("X-Switchboard-Broadcast")[0].trim());
        JsonNode before = json(http("GET", "/api/broadcasts/" + id, "application/json", "", 200));
        assertEquals("AWAITING_CONFIRMATION", before.get("status").asText());
        int recipients = before.get("recipients").asInt();
        assertTrue(recipients > 50, before.toString());

        JsonNode confirmed = json(http("POST", "/api/broadcasts/" + id + "/confirm", "application/json", "", 200));
        assertEquals("SENDING", confirmed.get("status").asText());
        await().atMost(WAIT).until(() -> json(http("GET", "/api/broadcasts/" + id, "application/json", "", 200))
                .get("status").asText().equals("DONE"));
        JsonNode done = json(http("GET", "/api/broadcasts/" + id, "application/json", "", 200));
        assertEquals(recipients, done.get("progress").get("sent").asInt() + done.get("progress").get("failed").asInt());
        http("POST", "/api/broadcasts/" + id + "/confirm", "application/json", "", 200); // again: harmless
        http("POST", "/api/broadcasts/999999/confirm", "application/json", "", 404);
    }

    @Test
    @Order(5)
    void noCancelsAndAnythingElseIsAskedAgain() throws Exception {
        MimeMessage preview = requestAndPreview("<adhoc-2@switchboard.local>",
                "to: major=IPA; graduation_year=2017\nUjian susulan untuk {first_name}.");
        long id = Long.parseLong(preview.getHeader("X-Switchboard-Broadcast")[0].trim());

        answer(preview, "<maybe-2@switchboard.local>", "Mungkin besok saja?");
        MimeMessage askedAgain = InProcessHub.awaitMail(mail, STAFF, "staff",
                m -> InProcessHub.subjectOf(m).startsWith("Not sent") && textOrEmpty(m).contains("YES"));
        assertTrue(textOrEmpty(askedAgain).contains("#" + id), textOrEmpty(askedAgain));

        answer(preview, "<no-2@switchboard.local>", "Batal\n\n-- \nStaf");
        await().atMost(WAIT).until(() -> json(http("GET", "/api/broadcasts/" + id, "application/json", "", 200))
                .get("status").asText().equals("CANCELLED"));
        assertEquals(0, hub.query("SELECT id FROM outbound_sms WHERE broadcast_id = ? AND status <> 'CANCELLED'", id)
                .size(), "nothing of a cancelled broadcast goes out");
    }

    @Test
    @Order(6)
    void aTemplateNamingAnAttributeSomeLackIsRefusedBeforeAnythingIsStored() throws Exception {
        int broadcasts = hub.query("SELECT id FROM broadcast").size();
        MimeMessage request = mail.compose();
        request.setFrom(new InternetAddress(STAFF));
        request.setRecipients(Message.RecipientType.TO, "sma1-2018@broadcast.switchboard.local");
        request.setSubject("Kamar asrama");
        request.setHeader("Message-ID", "<missing-1@switchboard.local>");
        request.setText("Halo {first_name}, kamar Anda: {dormitory}.", "UTF-8");
        mail.send(request);

        MimeMessage refusal = InProcessHub.awaitMail(mail, STAFF, "staff",
                m -> textOrEmpty(m).contains("dormitory"));
        assertTrue(textOrEmpty(refusal).contains(String.valueOf(expected.size() - optedOut.size())),
                "says how many lack it: " + textOrEmpty(refusal));
        assertEquals(broadcasts, hub.query("SELECT id FROM broadcast").size(), "nothing stored");
    }

    private MimeMessage requestAndPreview(String messageId, String body) throws Exception {
        MimeMessage request = mail.compose();
        request.setFrom(new InternetAddress(STAFF));
        request.setRecipients(Message.RecipientType.TO, "hub@switchboard.local");
        request.setSubject("Pengumuman " + messageId);
        request.setHeader("Message-ID", messageId);
        request.setText(body, "UTF-8");
        mail.send(request);
        return InProcessHub.awaitMail(mail, STAFF, "staff", m -> {
            try {
                String[] irt = m.getHeader("In-Reply-To");
                return irt != null && irt[0].contains(messageId) && InProcessHub.subjectOf(m).contains("Broadcast #");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private void answer(MimeMessage preview, String messageId, String text) throws Exception {
        MimeMessage reply = mail.compose();
        reply.setFrom(new InternetAddress(STAFF));
        reply.setRecipients(Message.RecipientType.TO, preview.getFrom());
        reply.setSubject("Re: " + preview.getSubject(), "UTF-8");
        reply.setHeader("Message-ID", messageId);
        reply.setHeader("In-Reply-To", preview.getMessageID());
        reply.setHeader("References", preview.getMessageID());
        reply.setText(text, "UTF-8");
        mail.send(reply);
    }

    private static String textOrEmpty(MimeMessage m) {
        try {
            return textOf(m);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static String textOf(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart mp = (Multipart) content;
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no text part");
    }

    private static InputStream attachment(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.getFileName() != null && p.getFileName().endsWith(".csv")) {
                return p.getInputStream();
            }
        }
        throw new AssertionError("no CSV attached");
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    private String http(String method, String path, String contentType, String body, int status) throws Exception {
        String password = Files.readString(dir.resolve("data/admin-password")).trim();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }
}
