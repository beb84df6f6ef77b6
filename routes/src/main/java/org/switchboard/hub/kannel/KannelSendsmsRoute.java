package org.switchboard.hub.kannel;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.jetty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.http.common.HttpMessage;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.Admission;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.kannel.KannelAnswer;
import org.switchboard.kannel.NewSendsms;
import org.switchboard.kannel.SendsmsParser;
import org.switchboard.kannel.SendsmsRequest;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.GroupCommit;
import org.switchboard.store.StorableText;
import org.switchboard.store.StoreException;

/**
 * Kannel's sendsms on {@code /cgi-bin/sendsms}, so that applications written for Kannel's smsbox (playSMS's Kannel
 * gateway, for one) send through the hub unchanged: GET with CGI variables, POST with the text as body and X-Kannel-*
 * headers (and, beyond Kannel, a form-encoded POST), answered with smsbox's status codes and texts. Each accepted
 * recipient becomes an outbound SMS in lane 0 for the dispatchers, with the request's Kannel parameters beside it; the
 * 202 goes out only once that is committed. Delivery reports go back to dlr-url through {@link KannelDlrRoute}.
 */
public final class KannelSendsmsRoute extends HttpRoutes {
    public static final String ROUTE_ID = "kannel-sendsms";
    /** Larger than any SMS request needs (a long text in UCS-2, many recipients); a declared larger one is not read. */
    private static final int MAX_BODY = 64 * 1024;
    /** smsbox's sendsms-chars default (SENDSMS_DEFAULT_CHARS): a receiver with any other character is denied. */
    private static final String NUMBER_CHARS = "0123456789 +-";

    private final EndpointConsumerBuilder endpoint;
    private final ApiCredentials credentials;
    private final PhoneNumbers numbers;
    private final GroupCommit<NewSendsms, Long> commits;
    private final JournalWriter journal;
    private final long commitTimeoutMillis;

    /** @param journal where each queued SMS's first hop goes; null when the journal is off */
    public KannelSendsmsRoute(String host, int port, ApiCredentials credentials, PhoneNumbers numbers,
            GroupCommit<NewSendsms, Long> commits, JournalWriter journal, long commitTimeoutMillis) {
        // The form body stays the body (the parser reads it); camel-jetty would otherwise turn it into headers. Nor are
        // the request's headers and parameters copied into Camel headers (a tenth of a request's CPU): the few the
        // route reads come from the servlet request itself.
        this.endpoint = jetty("http://" + host + ":" + port + "/cgi-bin/sendsms").advanced()
                .mapHttpMessageFormUrlEncodedBody(false).mapHttpMessageHeaders(false);
        this.credentials = credentials;
        this.numbers = numbers;
        this.commits = commits;
        this.journal = journal;
        this.commitTimeoutMillis = commitTimeoutMillis;
    }

    @Override
    public void configure() {
        // Open to the route configuration: sendsms checks its own credentials, and answers in smsbox's words.
        from(endpoint).routeId(ROUTE_ID).routeProperty(Admission.ACCESS, Admission.OPEN).process(this::sendsms);
        describe("/cgi-bin/sendsms").tag("kannel")
                .get().security(OPEN)
                .description("Kannel-compatible sendsms (credentials in the query, as Kannel's smsbox takes them);"
                        + " answers are smsbox's lines of text")
                .param().name("username").type(RestParamType.query).required(true).example("admin")
                        .description("or user").endParam()
                .param().name("password").type(RestParamType.query).required(true).example("secret")
                        .description("or pass").endParam()
                .param().name("to").type(RestParamType.query).required(true).example("+6281234567890")
                        .description("one or more numbers separated by spaces").endParam()
                .param().name("text").type(RestParamType.query).required(false).example("Halo").endParam()
                .param().name("from").type(RestParamType.query).required(false).example("ACME").endParam()
                .param().name("coding").type(RestParamType.query).required(false).example("0")
                        .description("0 or 2 (1, 8-bit data, is refused)").endParam()
                .param().name("charset").type(RestParamType.query).required(false).example("UTF-8").endParam()
                .param().name("dlr-mask").type(RestParamType.query).required(false).example("31").endParam()
                .param().name("dlr-url").type(RestParamType.query).required(false)
                        .example("http://app.example/dlr?status=%d").endParam()
                .param().name("validity").type(RestParamType.query).required(false).example("60")
                        .description("minutes").endParam()
                .param().name("deferred").type(RestParamType.query).required(false).example("5")
                        .description("minutes").endParam()
                .responseMessage("202", "0: Accepted for delivery")
                .responseMessage("400", "a field misformed (Kannel's words), bad text in the text, from or dlr-url")
                .responseMessage("403", "Authorization failed for sendsms")
                .responseMessage("413", "Request too large, rejected")
                .responseMessage("503", "Temporal failure, try again later. (the rate limit, or not stored in time)")
                .post().security(OPEN)
                .description("Kannel-compatible sendsms: the text as a text/plain (or octet-stream) body with"
                        + " X-Kannel-Username, X-Kannel-Password, X-Kannel-To, ... headers; or a form with the GET's"
                        + " variables")
                .consumes("text/plain,application/octet-stream,application/x-www-form-urlencoded")
                .param().name("body").type(RestParamType.body).required(false).example("text/plain", "Halo")
                        .description("the text, or the form").endParam()
                .param().name("X-Kannel-Username").type(RestParamType.header).required(false).endParam()
                .param().name("X-Kannel-Password").type(RestParamType.header).required(false).endParam()
                .param().name("X-Kannel-To").type(RestParamType.header).required(false).endParam()
                .responseMessage("202", "0: Accepted for delivery")
                .responseMessage("400", "a field misformed (Kannel's words), bad text in the text, from or dlr-url")
                .responseMessage("403", "Authorization failed for sendsms")
                .responseMessage("503", "Temporal failure, try again later.");
    }

    private void sendsms(Exchange exchange) {
        KannelAnswer answer;
        try {
            answer = answer(exchange);
        } catch (StoreException e) {
            // the database failed: worth trying again, unlike the request itself
            log.warn("sendsms request failed on the database", e);
            answer = KannelAnswer.TEMPORARY_FAILURE;
        } catch (RuntimeException e) {
            log.error("sendsms request failed", e);
            answer = KannelAnswer.SENDING_FAILED;
        }
        reply(exchange, answer);
    }

    private KannelAnswer answer(Exchange exchange) {
        var in = exchange.getIn();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"GET".equals(method) && !"POST".equals(method)) {
            return KannelAnswer.UNKNOWN_REQUEST;
        }
        HttpServletRequest http = exchange.getIn(HttpMessage.class).getRequest();
        if (http.getContentLengthLong() > MAX_BODY) {
            return KannelAnswer.TOO_LARGE;
        }
        byte[] body = "POST".equals(method) ? in.getBody(byte[].class) : null;
        if (body != null && body.length > MAX_BODY) {
            return KannelAnswer.TOO_LARGE;
        }
        SendsmsParser.Parsed parsed = SendsmsParser.parse(in.getHeader(Exchange.HTTP_QUERY, String.class),
                in.getHeader(Exchange.CONTENT_TYPE, String.class), body, http::getHeader);
        if (parsed instanceof SendsmsParser.Unreadable u) {
            return u.answer();
        }
        SendsmsRequest request = ((SendsmsParser.Request) parsed).request();
        // No user has a name or password holding a NUL or another control character: refused for good, unchecked.
        if (StorableText.problem(request.username()).isPresent() || StorableText.problem(request.password()).isPresent()) {
            return KannelAnswer.AUTHORIZATION_FAILED;
        }
        // smsbox authorises before it looks at anything else (smsbox_req_sendsms, smsbox_sendsms_post). The API's check
        // caches a verified password (Kannel clients send it every time), and a password change drops that at once.
        ApiCredentials.SignIn signIn = credentials.signIn(request.username(), request.password());
        // Too many wrong passwords for this name: its password was not checked. smsbox's "try again later", not
        // "Authorization failed": an application whose password is right (but not yet verified, e.g. after a
        // restart) retries and gets through once the attack stops, where a 403 would make it drop its messages; a
        // guesser learns nothing from either, as no password was compared.
        if (signIn.throttled()) {
            return KannelAnswer.TEMPORARY_FAILURE;
        }
        Optional<String> role = signIn.role();
        if (role.isEmpty()) {
            return KannelAnswer.AUTHORIZATION_FAILED;
        }
        // The user's rate limit, as on the rest of the API. smsbox has no such limit, so the answer is its own
        // "try again later", which applications written for Kannel already treat as retryable.
        if (!credentials.rateLimitWait(request.username()).isZero()) {
            return KannelAnswer.TEMPORARY_FAILURE;
        }
        SendsmsRequest.Outcome outcome = request.check(this::e164);
        if (outcome instanceof SendsmsRequest.Refused r) {
            if (r.answer().equals(KannelAnswer.ALL_DENIED)) {
                log.info("sendsms from {}: every receiver denied (not a usable phone number): {}", request.username(),
                        request.to());
            }
            return r.answer();
        }
        SendsmsRequest.Checked checked = ((SendsmsRequest.Ok) outcome).request();
        List<String> denied = checked.denied();
        if (!denied.isEmpty()) {
            log.info("sendsms from {}: receivers denied (not a usable phone number): {}", request.username(), denied);
        }
        List<NewSendsms> rows = new ArrayList<>(checked.receivers().size());
        for (String to : checked.receivers()) {
            rows.add(new NewSendsms(to, checked.text(), request.username(), checked.from(), checked.coding(),
                    checked.charset(), checked.udh(), checked.dlrMask(), checked.dlrUrl(), checked.validity(),
                    checked.deferred()));
        }
        Optional<List<Long>> ids = store(rows);
        if (ids.isEmpty()) {
            return KannelAnswer.TEMPORARY_FAILURE;
        }
        journal(ids.get(), rows, denied);
        // Never the denied receivers: they are the request's own text, and the reply is text/html on the hub's origin.
        return KannelAnswer.ACCEPTED;
    }

    /** The rows' ids once committed; empty when they were not committed in time (or the queue is full). */
    private Optional<List<Long>> store(List<NewSendsms> rows) {
        try {
            return Optional.of(commits.submit(rows).get(commitTimeoutMillis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            // Whether a timed-out group commits later is unknown: a client that tries again may then send twice, as
            // with Kannel when bearerbox goes away before its acknowledgement.
            log.warn("sendsms from {} to {} not stored: {}", rows.get(0).username(),
                    rows.stream().map(NewSendsms::recipient).toList(), e instanceof ExecutionException
                            ? e.getCause().getMessage() : "no commit within " + commitTimeoutMillis + " ms");
            return Optional.empty();
        }
    }

    /**
     * A receiver as E.164: smsbox first denies characters outside sendsms-chars; then libphonenumber in the hub's
     * region, and, for digits that are no national number, the same digits with a '+' (an unencoded '+' in a query
     * string arrives as a space, which leaves "62812..." behind).
     */
    private Optional<String> e164(String receiver) {
        for (int i = 0; i < receiver.length(); i++) {
            if (NUMBER_CHARS.indexOf(receiver.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        Optional<String> direct = numbers.tryE164(receiver);
        if (direct.isPresent() || receiver.startsWith("+") || receiver.startsWith("0")) {
            return direct;
        }
        return numbers.tryE164("+" + receiver);
    }

    private void journal(List<Long> ids, List<NewSendsms> rows, List<String> denied) {
        if (journal == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            NewSendsms r = rows.get(i);
            StringBuilder detail = new StringBuilder("to ").append(r.recipient()).append(" by ").append(r.username())
                    .append(" via sendsms");
            if (r.sender() != null) {
                detail.append(", from ").append(r.sender());
            }
            if (r.dlrMask() > 0 && r.dlrUrl() != null) {
                detail.append(", dlr-mask ").append(r.dlrMask());
            }
            if (r.deferredMinutes() > 0) {
                detail.append(", deferred ").append(r.deferredMinutes()).append(" min");
            }
            if (r.validityMinutes() > 0) {
                detail.append(", validity ").append(r.validityMinutes()).append(" min (not sent after that)");
            }
            if (!denied.isEmpty()) {
                detail.append("; denied in the same request: ").append(String.join(" ", denied));
            }
            journal.record(Hop.now(JournalKind.OUTBOUND_SMS, ids.get(i), "sms-stored", ROUTE_ID, detail.toString(), null));
        }
    }

    /**
     * smsbox's reply: a line of text with its sendsms_reply_hdrs, and none of the request's headers echoed back. Kannel
     * says text/html, which clients may check; on the hub's origin (the dashboard's cookie) a browser must then neither
     * sniff it nor run anything in it. Camel's header filter drops Pragma and Cache-Control set on the message, so those
     * go on the servlet response.
     */
    private static void reply(Exchange exchange, KannelAnswer answer) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        out.setHeader(Exchange.CONTENT_TYPE, "text/html");
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.setHeader("Content-Security-Policy", "default-src 'none'");
        JsonReply.servletHeader(exchange, "Pragma", "no-cache");
        JsonReply.servletHeader(exchange, "Cache-Control", "no-cache");
        out.setBody(answer.text().getBytes(StandardCharsets.UTF_8));
    }
}
