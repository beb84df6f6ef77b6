package org.switchboard.hub.kannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestHttp;
import org.switchboard.hub.TestRows;
import org.switchboard.hub.http.HttpConfig;
import org.switchboard.kannel.KannelStore;
import org.switchboard.kannel.NewSendsms;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.GroupCommit;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link KannelSendsmsRoute} on the hub's Jetty with a real PostgreSQL, called as Kannel clients call smsbox: a GET
 * with CGI variables or a POST with X-Kannel headers queues one SMS per usable receiver with its Kannel parameters,
 * journalled, and answers smsbox's "0: Accepted for delivery" only once they are committed; wrong credentials are
 * refused before anything else is read, a misformed request gets smsbox's words, and the rate limit or a database
 * that does not commit is smsbox's retryable "Temporal failure", with nothing stored.
 */
class KannelSendsmsRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final String ACCEPTED = "0: Accepted for delivery";
    private static final String SQL = "SELECT o.recipient || '|' || o.text || '|' || o.lane || '|' || o.requested_by"
            + " || '|' || coalesce(k.sender, '-') || '|' || k.dlr_mask FROM outbound_sms o"
            + " JOIN kannel_sendsms k ON k.sms_id = o.id ORDER BY o.id";

    private volatile boolean databaseUp = true;
    private GroupCommit<NewSendsms, Long> commits;
    private TestHttp http;

    @BeforeEach
    void emptyTables() {
        TestRows.emptyAll(db.dataSource());
    }

    /** The route as KannelModule builds it, its commits on a database the test can take down. */
    private void start(Consumer<HttpConfig> settings) throws Exception {
        http = TestHttp.create(db.dataSource(), settings);
        KannelStore store = new KannelStore(TestRows.switchable(db.dataSource(), () -> databaseUp));
        commits = new GroupCommit<>("sendsms", store::store, 2, 500, 10_000);
        http.add(new KannelSendsmsRoute(TestHttp.HOST, http.port(), http.credentials(), new PhoneNumbers("ID"), commits,
                http.journal(), 10_000)).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (commits != null) {
            commits.close();
        }
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send("GET", "/cgi-bin/sendsms?" + query, null);
    }

    private static String auth(String password) {
        return "username=admin&password=" + enc(password);
    }

    @Test
    void aGetIsAcceptedStoredAndJournalledForEachUsableReceiver() throws Exception {
        start(config -> { });
        // playSMS writes numbers international without '+'; one of these is no number at all
        HttpResponse<String> r = get(auth(TestHttp.ADMIN_PASSWORD) + "&from=SEKOLAH&to="
                + enc("6281234500001 081234500002 12ab") + "&text=" + enc("Ujian besok jam 7") + "&dlr-mask=31"
                + "&dlr-url=" + enc("http://app.example/dlr?type=%d"));
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(ACCEPTED, r.body());
        assertEquals("text/html", r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("X-Content-Type-Options").isPresent(), r.headers().toString());
        assertEquals(List.of("+6281234500001|Ujian besok jam 7|0|admin|SEKOLAH|31",
                "+6281234500002|Ujian besok jam 7|0|admin|SEKOLAH|31"), TestRows.texts(db.dataSource(), SQL));
        http.journal().flush();
        long first = TestRows.count(db.dataSource(), "SELECT min(id) FROM outbound_sms");
        assertEquals(List.of("sms-stored: to +6281234500001 by admin via sendsms, from SEKOLAH, dlr-mask 31; denied in"
                + " the same request: 12ab"), TestRows.hops(db.dataSource(), "outbound_sms", first));
    }

    @Test
    void aPostWithKannelHeadersIsAccepted() throws Exception {
        start(config -> { });
        HttpResponse<String> r = http.send("POST", "/cgi-bin/sendsms", "Kode Anda 4821", "Content-Type", "text/plain",
                "X-Kannel-Username", "admin", "X-Kannel-Password", TestHttp.ADMIN_PASSWORD,
                "X-Kannel-To", "+6281234500003");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(ACCEPTED, r.body());
        assertTrue(r.headers().firstValue("X-Kannel-Password").isEmpty(), "the request's headers are not echoed back");
        assertEquals(List.of("+6281234500003|Kode Anda 4821|0|admin|-|0"), TestRows.texts(db.dataSource(), SQL));
    }

    @Test
    void wrongCredentialsAndMisformedRequestsAreRefusedInSmsboxsWordsWithNothingStored() throws Exception {
        start(config -> { });
        String to = "&to=" + enc("+6281234500001") + "&text=x";
        for (String query : List.of(to.substring(1), auth("wrong") + to, "username=nobody&password=x" + to)) {
            HttpResponse<String> r = get(query);
            assertEquals(403, r.statusCode(), query);
            assertEquals("Authorization failed for sendsms", r.body());
        }
        // the credentials come first: a wrong password with a misformed field is still "Authorization failed"
        assertEquals(403, get(auth("wrong") + to + "&dlr-mask=99").statusCode());
        String ok = auth(TestHttp.ADMIN_PASSWORD);
        assertKannel(get(ok + "&text=x"), 400, "Missing receiver number, rejected");
        assertKannel(get(ok + "&to=abc&text=x"), 400, "Number(s) has/have been denied by white- and/or black-lists.");
        assertKannel(get(ok + to + "&dlr-mask=99"), 400, "DLR-Mask field misformed, rejected");
        assertKannel(get(ok + to + "&coding=1"), 400,
                "Coding field 1 (8-bit) not supported, the hub's modems send text only, rejected");
        assertKannel(http.send("PUT", "/cgi-bin/sendsms?" + ok + to, "x"), 404, "Unknown request.");
        assertEquals(0, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void aDatabaseThatDoesNotCommitIsATemporaryFailureTheClientRetries() throws Exception {
        start(config -> { });
        String query = auth(TestHttp.ADMIN_PASSWORD) + "&to=" + enc("+6281234500001") + "&text=x";
        databaseUp = false;
        assertKannel(get(query), 503, "Temporal failure, try again later.");
        databaseUp = true;
        assertKannel(get(query), 202, ACCEPTED);
        assertEquals(1, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"));
    }

    @Test
    void beyondTheUsersRateLimitTheAnswerIsATemporaryFailure() throws Exception {
        // two requests at once, then one a second: of requests sent back to back, one soon finds the bucket empty
        start(config -> {
            config.setRatePerSecond(1);
            config.setBurst(2);
        });
        String query = auth(TestHttp.ADMIN_PASSWORD) + "&to=" + enc("+6281234500001") + "&text=x";
        int accepted = 0;
        HttpResponse<String> r = get(query);
        for (int i = 0; i < 20 && r.statusCode() == 202; i++) {
            accepted++;
            r = get(query);
        }
        assertKannel(r, 503, "Temporal failure, try again later.");
        assertTrue(accepted >= 2, "the burst goes through: " + accepted);
        assertEquals(accepted, TestRows.count(db.dataSource(), "SELECT count(*) FROM outbound_sms"),
                "an SMS for each request accepted, none for the one refused");
    }

    private static void assertKannel(HttpResponse<String> r, int status, String text) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(text, r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
