package org.switchboard.hub.mo;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.scheduler;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mo.MoDeliveries;
import org.switchboard.mo.MoDelivery;
import org.switchboard.mo.MoPlaceholders;
import org.switchboard.mo.MoRule;
import org.switchboard.store.RetryBackoff;

/**
 * Hands routed SMS to their applications' URLs, as Kannel's smsbox calls an sms-service's get-url or post-url: a GET
 * on the rule's URL with the SMS filled in, or a POST of the SMS's fields as a form to it. A 2xx answer finishes the
 * hand-over, its body queued as the reply SMS when the rule says so; anything else is tried again with backoff, and
 * after the last attempt the SMS goes to the help desk. Calls run asynchronously and bounded in number; every outcome
 * is journalled on the SMS.
 */
final class MoHttpRoute extends RouteBuilder {
    static final String ROUTE_ID = "mo-http";
    /** The most of an answer taken as a reply: longer is cut, as an SMS reply cannot be a web page. */
    private static final int MAX_REPLY = 1600;

    /** How it works: the idle poll, calls at once, per-call timeout, attempts, backoff. */
    record Options(long pollMillis, int maxInFlight, Duration timeout, int maxAttempts, RetryBackoff backoff,
            ZoneId zone) {
    }

    private final String node;
    private final MoDeliveries deliveries;
    private final JournalWriter journal;
    private final Options options;
    private final HttpClient http;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param journal null when the journal is off; {@code executor} runs the client, its owner shuts it down */
    MoHttpRoute(MoDeliveries deliveries, JournalWriter journal, Options options, ExecutorService executor,
            String node) {
        this.node = node;
        this.deliveries = deliveries;
        this.journal = journal;
        this.options = options;
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static ExecutorService executor() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mo-http");
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
        List<MoDelivery> due = deliveries.claim(MoRule.Target.HTTP, List.of(), room, node,
                options.timeout().multipliedBy(2).plusSeconds(5));
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !due.isEmpty());
        due.forEach(this::call);
    }

    private void call(MoDelivery d) {
        String url = MoPlaceholders.fill(d.url(), d, options.zone());
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(options.timeout());
            request = "POST".equals(d.method()) ? b.header("Content-Type", "application/x-www-form-urlencoded;"
                    + " charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(form(d))).build() : b.GET().build();
        } catch (IllegalArgumentException e) {
            deliveries.fail(d, null, "not a URL: " + e.getMessage());
            hop(d, "mo-failed", url, "not a URL: " + e.getMessage() + "; sent to the help desk instead");
            return;
        }
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                outcome(d, url, response, error);
            } catch (RuntimeException e) {
                // not recorded: the lease runs out and the hand-over is made again
                log.warn("MO hand-over {} of in-{}: outcome not recorded ({})", d.id(), d.inboundId(), e.getMessage());
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** The SMS's fields as a form, for a POST rule. */
    private String form(MoDelivery d) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("from", d.originator());
        fields.put("to", d.destination() == null ? "" : d.destination());
        fields.put("text", d.text());
        fields.put("keyword", d.keyword() == null ? "" : d.keyword());
        fields.put("channel", d.channel() == null ? "" : d.channel());
        fields.put("id", Long.toString(d.inboundId()));
        fields.put("time", d.receivedAt().toString());
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private void outcome(MoDelivery d, String url, HttpResponse<String> response, Throwable error) {
        if (error == null && response.statusCode() / 100 == 2) {
            String body = d.reply() ? response.body() : null;
            if (body != null && body.length() > MAX_REPLY) {
                body = body.substring(0, MAX_REPLY);
            }
            Optional<Long> reply = deliveries.done(d, response.statusCode(), body);
            hop(d, "mo-delivered", d.method() + " " + url + " answered " + response.statusCode()
                    + reply.map(id -> "; its answer queued as the reply, out-" + id).orElse(""), null);
            reply.ifPresent(id -> {
                if (journal != null) {
                    journal.record(Hop.now(JournalKind.OUTBOUND_SMS, id, "sms-stored", ROUTE_ID, "reply of rule "
                            + d.ruleName() + " to in-" + d.inboundId() + " from " + d.originator(), null));
                }
            });
            return;
        }
        Integer status = response == null ? null : response.statusCode();
        String why = error != null ? String.valueOf(error.getCause() != null ? error.getCause() : error)
                : "HTTP " + response.statusCode();
        if (d.attempts() >= options.maxAttempts()) {
            deliveries.fail(d, status, why);
            hop(d, "mo-failed", d.method() + " " + url, why + " after " + d.attempts() + " attempt(s); sent to the"
                    + " help desk instead");
            return;
        }
        Duration delay = options.backoff().delay(d.attempts());
        deliveries.retryLater(d, status, why, delay);
        hop(d, "mo-retry-scheduled", d.method() + " " + url, why + "; attempt " + d.attempts() + " of "
                + options.maxAttempts() + ", next in " + delay.toMillis() + " ms");
    }

    private void hop(MoDelivery d, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.INBOUND_SMS, d.inboundId(), hop, ROUTE_ID, "rule " + d.ruleName() + ": "
                    + detail, error));
        }
    }

    @Override
    public String toString() {
        return ROUTE_ID;
    }
}
