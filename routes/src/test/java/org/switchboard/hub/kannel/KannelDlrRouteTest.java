package org.switchboard.hub.kannel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.hub.TestRows;
import org.switchboard.journal.JournalEventNotifier;
import org.switchboard.journal.JournalWriter;
import org.switchboard.kannel.KannelStore;
import org.switchboard.kannel.NewSendsms;
import org.switchboard.kannel.SendsmsRequest;
import org.switchboard.store.MessageStore;
import org.switchboard.store.OutboundQueue;
import org.switchboard.store.RetryBackoff;
import org.switchboard.store.TestDatabaseExtension;

/**
 * {@link KannelDlrRoute} through Camel on a real PostgreSQL, calling an application's dlr-url on a real HTTP server:
 * each report the request's dlr-mask asked for is called back once with Kannel's escapes filled in, a URL that answers
 * an error is tried again with backoff until it answers 2xx or the attempts run out, a slow URL delays only its own
 * reports, and every outcome is journalled on the SMS.
 */
class KannelDlrRouteTest {
    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int DELIVERED = 1;
    private static final int SMSC_ACCEPTED = 8;
    private static final int MAX_ATTEMPTS = 3;

    /** What the application's server answers, one status per call; 200 once they are used up. */
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowAnswers = new CountDownLatch(1);
    private final ExecutorService dlrThreads = KannelDlrRoute.executor();
    private final ExecutorService appThreads = Executors.newCachedThreadPool();
    private HttpServer app;
    private CamelContext camel;
    private JournalWriter journal;
    private KannelStore kannel;
    private OutboundQueue queue;

    @BeforeEach
    void start() throws Exception {
        TestRows.emptyAll(db.dataSource());
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.setExecutor(appThreads);
        app.createContext("/dlr", ex -> answer(ex, answers.isEmpty() ? 200 : answers.remove()));
        app.createContext("/slow", ex -> {
            try {
                // holds the call until the test has seen what it wants to see meanwhile
                slowAnswers.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200);
        });
        app.start();
        journal = new JournalWriter(db.dataSource());
        kannel = new KannelStore(db.dataSource());
        queue = new OutboundQueue(db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, journal);
        // As KannelModule builds it, with short pauses: 100 ms after the first failure, 200 ms after the second.
        camel.addRoutes(new KannelDlrRoute(kannel, journal, new KannelDlrRoute.Options(50, 32, Duration.ofSeconds(10),
                MAX_ATTEMPTS, new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(200))), dlrThreads, "hub"));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        slowAnswers.countDown();
        camel.close();
        dlrThreads.shutdownNow();
        app.stop(0);
        appThreads.shutdownNow();
        journal.close();
    }

    private void answer(HttpExchange ex, int status) throws java.io.IOException {
        calls.add(ex.getRequestURI().getPath() + "?" + ex.getRequestURI().getRawQuery());
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.getAddress().getPort() + path + "?type=%d&to=%p&from=%P&id=%I&reply=%A";
    }

    /** An SMS queued by sendsms from "1234" to {@code to}, asking for the reports in {@code mask} at {@code url}. */
    private long sendsms(String to, int mask, String url) {
        return kannel.store(List.of(new NewSendsms(to, "Kode Anda 4821", "app", "1234", 0, null, null, mask, url,
                SendsmsRequest.UNDEFINED, SendsmsRequest.UNDEFINED))).get(0);
    }

    /** What the dispatcher does when the channel took the SMS: the V8 trigger queues an "accepted" report. */
    private void sent(long id) {
        queue.markSent(id, "alpha", "alpha-1", List.of("17"));
    }

    private List<String> dlrRows(long id) {
        return TestRows.texts(db.dataSource(), "SELECT concat_ws('|', dlr_type, status, attempts, http_status, error)"
                + " FROM kannel_dlr WHERE sms_id = ? ORDER BY id", id);
    }

    private List<String> hops(long id) {
        journal.flush();
        return TestRows.hops(db.dataSource(), "outbound_sms", id);
    }

    @Test
    void eachReportTheMaskAskedForIsCalledBackOnceWithKannelsEscapesFilled() throws Exception {
        long id = sendsms("+6281100000001", SMSC_ACCEPTED | DELIVERED, url("/dlr"));

        sent(id);
        await().atMost(WAIT).until(() -> calls.size() == 1);
        assertEquals("/dlr?type=8&to=%2B6281100000001&from=1234&id=" + id + "&reply=ACK%2F", calls.get(0));
        await().atMost(WAIT).until(() -> dlrRows(id).equals(List.of("8|SENT|1|200")));
        new MessageStore(db.dataSource()).recordDeliveryReport("alpha", "17", "+6281100000001", "delivered", 0);
        await().atMost(WAIT).until(() -> calls.size() == 2);
        assertEquals("/dlr?type=1&to=%2B6281100000001&from=1234&id=" + id + "&reply=Success", calls.get(1));

        await().atMost(WAIT).until(() -> dlrRows(id).equals(List.of("8|SENT|1|200", "1|SENT|1|200")));
        String called = "http://127.0.0.1:" + app.getAddress().getPort() + "/dlr?type=";
        // Each outcome is journalled as its call completes, which need not be in the order of the calls.
        assertEquals(Set.of("dlr-called: DLR type 8 (ACK/): " + called + "8&to=%2B6281100000001&from=1234&id=" + id
                + "&reply=ACK%2F answered 200", "dlr-called: DLR type 1 (Success): " + called + "1&to=%2B6281100000001"
                + "&from=1234&id=" + id + "&reply=Success answered 200"), Set.copyOf(hops(id)));
        assertEquals(2, hops(id).size());
    }

    @Test
    void aUrlThatAnswersAnErrorIsTriedAgainWithBackoffUntilItAnswers() throws Exception {
        answers.add(503);
        answers.add(500);
        long id = sendsms("+6281100000002", SMSC_ACCEPTED, url("/dlr"));

        sent(id);
        await().atMost(WAIT).until(() -> dlrRows(id).equals(List.of("8|SENT|3|200")));
        assertEquals(3, calls.size(), calls::toString);
        List<String> hops = hops(id);
        assertEquals(3, hops.size(), hops::toString);
        assertTrue(hops.get(0).startsWith("dlr-retry-scheduled: failed: HTTP 503; attempt 1 of 3, next in 100 ms"),
                hops::toString);
        assertTrue(hops.get(1).startsWith("dlr-retry-scheduled: failed: HTTP 500; attempt 2 of 3, next in 200 ms"),
                hops::toString);
        assertTrue(hops.get(2).startsWith("dlr-called: DLR type 8 (ACK/): ") && hops.get(2).endsWith(" answered 200"),
                hops::toString);
    }

    @Test
    void aUrlThatKeepsFailingIsGivenUpWhenTheAttemptsRunOut() throws Exception {
        for (int i = 0; i < 10; i++) {
            answers.add(503);
        }
        long id = sendsms("+6281100000003", SMSC_ACCEPTED, url("/dlr"));

        sent(id);
        await().atMost(WAIT).until(() -> dlrRows(id).equals(List.of("8|FAILED|3|503|HTTP 503")));
        assertEquals(MAX_ATTEMPTS, calls.size(), calls::toString);
        List<String> hops = hops(id);
        assertEquals("dlr-failed: failed: HTTP 503 after 3 attempt(s); given up", hops.get(hops.size() - 1));
    }

    @Test
    void aSlowUrlDelaysOnlyItsOwnReports() throws Exception {
        long slow = sendsms("+6281100000004", SMSC_ACCEPTED, url("/slow"));
        long quick = sendsms("+6281100000005", SMSC_ACCEPTED, url("/dlr"));

        sent(slow);
        sent(quick);
        // The quick URL is called and done while the slow one still has its call open.
        await().atMost(WAIT).until(() -> dlrRows(quick).equals(List.of("8|SENT|1|200")));
        assertEquals(List.of("8|PENDING|1"), dlrRows(slow));

        slowAnswers.countDown();
        await().atMost(WAIT).until(() -> dlrRows(slow).equals(List.of("8|SENT|1|200")));
    }

    @Test
    void anSmsWhoseRequestAskedForNoReportsIsNeverCalledBack() throws Exception {
        long quiet = sendsms("+6281100000006", 0, url("/dlr"));
        long asking = sendsms("+6281100000007", SMSC_ACCEPTED, url("/dlr"));

        sent(quiet);
        sent(asking);
        await().atMost(WAIT).until(() -> dlrRows(asking).equals(List.of("8|SENT|1|200")));
        assertEquals(List.of(), dlrRows(quiet));
        assertEquals(1, calls.size(), calls::toString);
        assertTrue(calls.get(0).contains("id=" + asking), calls::toString);
    }
}
