package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The hub killed with SIGKILL in the middle of a broadcast, then started again: the broadcast carries on, every
 * recipient gets the SMS, and only the SMS a modem had in hand at the kill (at most one per modem) can go out twice;
 * those are marked, and the report counts them. The hub runs as its own process; the test owns the database, the mail
 * server and the four simulated modems, which outlive the kill as real ones would.
 */
class BroadcastCrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RECIPIENTS = 400;
    private static final int MODEMS = 4;

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private SimNetwork sim;
    private HubProcess hub;

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLog = (context, failure) -> {
        if (hub != null) {
            System.out.println("----- the hub's output (" + context.getDisplayName() + ") -----\n" + hub.log());
        }
        throw failure;
    };

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void killedMidBroadcastItCarriesOnAndCountsThePossibleDuplicates() throws Exception {
        HubProcess.jar();
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        sim = SimNetwork.start(SimOptions.ephemeral(MODEMS));
        for (SimModem m : sim.modems()) {
            m.latency(50);
        }
        hub = new HubProcess(dir);
        Map<String, String> settings = settings();
        hub.start(settings);
        int httpPort = Integer.parseInt(settings.get("switchboard.http.port"));
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            hub.assertAlive();
            return importContacts(httpPort) == 200;
        });

        MailboxClient mail = new MailboxClient(greenMail.getSmtp().getPort(), greenMail.getImap().getPort());
        MimeMessage request = mail.compose();
        request.setFrom(new InternetAddress("staff@switchboard.local"));
        request.setRecipients(Message.RecipientType.TO, "hub@switchboard.local");
        request.setSubject("Jadwal ujian");
        request.setHeader("Message-ID", "<crash-broadcast-1@switchboard.local>");
        request.setText("to: cohort=2026\nHalo {first_name}, ujian dimulai Senin pukul 07.30.", "UTF-8");
        mail.send(request);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            hub.assertAlive();
            return delivered().size() >= RECIPIENTS / 4;
        });
        assertEquals(137, hub.kill9(), "ended by SIGKILL (128 + 9), not by a shutdown");
        int before = delivered().size();
        int inHand = count("SELECT count(*) FROM outbound_sms WHERE status = 'SENDING'");
        assertTrue(before < RECIPIENTS, "killed mid-broadcast: " + before + " sent");
        System.out.println("BroadcastCrashRecoveryTest: killed after " + before + " of " + RECIPIENTS + " SMS, with "
                + inHand + " in a modem's hands");
        // Four modems each holding an SMS for 50 ms of every ~55: a kill finds some in hand, else it proves little.
        assertTrue(inHand > 0 && inHand <= MODEMS, "SMS in the modems' hands at the kill: " + inHand);

        hub.start(settings);
        MimeMessage report = await().atMost(WAIT).ignoreExceptions().pollInterval(Duration.ofMillis(200)).until(() -> {
            hub.assertAlive();
            return mail.inbox("staff@switchboard.local", "staff").stream()
                    .filter(m -> InProcessHub.subjectOf(m).toLowerCase().contains("report")).findFirst().orElse(null);
        }, m -> m != null);

        Map<String, Integer> copies = new HashMap<>();
        for (DeliveredSms d : delivered()) {
            copies.merge(d.to(), 1, Integer::sum);
        }
        assertEquals(RECIPIENTS, copies.size(), "every recipient got the SMS");
        int extra = copies.values().stream().mapToInt(c -> c - 1).sum();
        int marked = count("SELECT count(*) FROM outbound_sms WHERE possible_duplicate");
        System.out.println("BroadcastCrashRecoveryTest: " + extra + " extra cop(ies), " + marked + " row(s) marked");
        assertTrue(extra <= MODEMS, "extra copies " + extra + " <= modems");
        assertEquals(inHand, marked, "exactly the SMS the modems had in hand at the kill are marked");
        java.util.Set<String> markedNumbers = new java.util.HashSet<>();
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT recipient FROM outbound_sms WHERE possible_duplicate")) {
            while (rs.next()) {
                markedNumbers.add(rs.getString(1));
            }
        }
        copies.forEach((number, n) -> assertTrue(n == 1 || markedNumbers.contains(number),
                number + " went " + n + " times and must be marked"));
        int inCsv = 0;
        int rows = 0;
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(csvOf(report), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                rows++;
                if (r.get("possible_duplicate").equals("yes")) {
                    inCsv++;
                }
            }
        }
        assertEquals(RECIPIENTS, rows);
        assertEquals(marked, inCsv, "the report's CSV marks the rows");
        assertTrue(textOf(report).contains("Possible duplicates: " + marked), "the report's text counts them");
    }

    private int importContacts(int httpPort) throws Exception {
        StringBuilder csv = new StringBuilder("name,phone,cohort\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append("Siswa").append(i).append(" Wijaya,0813").append(20000000 + i).append(",2026\n");
        }
        String password = Files.readString(dir.resolve("data/admin-password")).trim();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/contacts/import"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String textOf(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        return (String) mp.getBodyPart(0).getContent();
    }

    private java.util.List<DeliveredSms> delivered() {
        return sim.modems().stream().flatMap(m -> m.delivered().stream()).toList();
    }

    private static java.io.InputStream csvOf(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.getFileName() != null && p.getFileName().endsWith(".csv")) {
                return p.getInputStream();
            }
        }
        throw new AssertionError("no CSV attached");
    }

    private int count(String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Map<String, String> settings() throws Exception {
        Map<String, String> s = HubProcess.settingsAgainst(dir, db, greenMail, greenMail.getSmtp().getPort(), sim, "");
        s.put("switchboard.imap.poll-millis", "300");
        s.put("switchboard.broadcast.confirm-above", "100000");
        s.put("switchboard.broadcast.report-grace-millis", "3000");
        s.put("switchboard.broadcast.report-poll-millis", "300");
        return s;
    }
}
