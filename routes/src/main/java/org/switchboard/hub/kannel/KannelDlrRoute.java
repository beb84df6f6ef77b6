package org.switchboard.hub.kannel;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.scheduler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.kannel.DlrCall;
import org.switchboard.kannel.DlrEscapes;
import org.switchboard.kannel.KannelStore;
import org.switchboard.kannel.KannelUrl;
import org.switchboard.store.RetryBackoff;

/**
 * Calls sendsms requests' dlr-urls, Kannel's escapes filled in, for the delivery reports the V8 migration's trigger
 * queued (sent, refused, delivered, buffered, undelivered, as each request's dlr-mask asked). Calls run asynchronously
 * and bounded in number: a slow or dead URL delays only its own reports, each retried with backoff until it answers
 * 2xx or the attempts run out. Every outcome is journalled on the SMS.
 */
public final class KannelDlrRoute extends RouteBuilder {
    /** How a DLR caller works: its idle poll, calls under way at once, per-call timeout, attempts and backoff. */
    public record Options(long pollMillis, int maxInFlight, Duration timeout, int maxAttempts, RetryBackoff backoff) {
    }

    private static final String ROUTE_ID = "kannel-dlr";

    private final String node;
    private final KannelStore store;
    private final JournalWriter journal;
    private final Options options;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final HttpClient http;

    /**
     * @param journal  where each call's outcome goes; null when the journal is off
     * @param executor runs the HTTP client and the recording of outcomes; its owner shuts it down
     */
    public KannelDlrRoute(KannelStore store, JournalWriter journal, Options options, ExecutorService executor,
            String node) {
        this.node = node;
        this.store = store;
        this.journal = journal;
        this.options = options;
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The executor a DLR caller wants: two daemon threads (the calls themselves are asynchronous). */
    public static ExecutorService executor() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kannel-dlr-http");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void configure() {
        from(scheduler(ROUTE_ID).initialDelay(0).greedy(true).delay(options.pollMillis()).advanced().synchronous(true))
                .routeId(ROUTE_ID)
                .process(this::poll);
    }

    private void poll(Exchange exchange) {
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false);
        int room = options.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return;
        }
        // The lease outlasts the call, so a report is never called twice at once; a crash leaves it due at lease end.
        List<DlrCall> due = store.claimDue(room, node, options.timeout().multipliedBy(2).plusSeconds(5));
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !due.isEmpty());
        for (DlrCall call : due) {
            call(call);
        }
    }

    private void call(DlrCall call) {
        String url = KannelUrl.legal(DlrEscapes.fill(call.urlPattern(), call.report()));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(options.timeout()).GET().build();
        } catch (IllegalArgumentException e) {
            // Kannel checked only the scheme; a URL Java cannot even parse will not get better by waiting.
            store.fail(call.id(), null, "not a URL: " + e.getMessage());
            hop(call, "dlr-failed", url, "not a URL: " + e.getMessage());
            return;
        }
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                outcome(call, url, response, error);
            } catch (RuntimeException e) {
                // The database refused the outcome: the lease runs out and the report is called again.
                log.warn("dlr-url call {} for SMS {}: outcome not recorded ({})", call.id(), call.report().smsId(),
                        e.getMessage());
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void outcome(DlrCall call, String url, HttpResponse<Void> response, Throwable error) {
        if (error == null && response.statusCode() / 100 == 2) {
            store.markCalled(call.id(), response.statusCode());
            hop(call, "dlr-called", url + " answered " + response.statusCode(), null);
            return;
        }
        Integer status = response == null ? null : response.statusCode();
        String why = error != null ? String.valueOf(error.getCause() != null ? error.getCause() : error)
                : "HTTP " + response.statusCode();
        if (call.attempt() >= options.maxAttempts()) {
            store.fail(call.id(), status, why);
            hop(call, "dlr-failed", url, why + " after " + call.attempt() + " attempt(s); given up");
            return;
        }
        Duration delay = options.backoff().delay(call.attempt());
        store.retryLater(call.id(), status, why, delay);
        hop(call, "dlr-retry-scheduled", url, why + "; attempt " + call.attempt() + " of " + options.maxAttempts()
                + ", next in " + delay.toMillis() + " ms");
    }

    private void hop(DlrCall call, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.OUTBOUND_SMS, call.report().smsId(), hop, ROUTE_ID,
                    "DLR type " + call.report().type().bit() + " (" + call.report().reply() + "): " + detail, error));
        }
    }

    @Override
    public String toString() {
        return ROUTE_ID;
    }
}
