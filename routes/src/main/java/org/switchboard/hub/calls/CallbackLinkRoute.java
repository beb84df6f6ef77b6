package org.switchboard.hub.calls;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.calls.CallStore;
import org.switchboard.calls.Call;
import org.switchboard.calls.CallbackLinks;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;

/**
 * The "call back" link of the help desk's emails. {@code GET /calls/callback?t=TOKEN} only looks: a good link leads to
 * the dashboard's confirmation page (sign-in first), a forged, expired or used one gets a page that says so, with a
 * 4xx. The call starts only on {@code POST /api/calls/callback} from someone signed in, whose own extension rings
 * first: the mailbox is the whole help desk's, so who clicked is known only by who signs in, and mail scanners that
 * fetch every link start nothing. Each use and refusal is journalled on the SMS the link answers.
 */
final class CallbackLinkRoute extends HttpRoutes {
    static final String CONFIRM = "http-calls-callback";
    private static final String EXAMPLE = "{\"token\": \"MXwxMnwrNjI4MTIzNDU2Nzg5MHwxNzY1MjM0NTY3.…\"}";
    private static final String TOKEN = "SwitchboardCallbackToken";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT);

    private final CallbackLinks links;
    private final CallStore store;
    private final JournalWriter journal;
    private final ZoneId zone;
    private final boolean placesCalls;

    /**
     * @param links       the links, or null while click-to-call is off
     * @param placesCalls whether this build has the way to the PBX the settings ask for (a link is not spent when not)
     */
    CallbackLinkRoute(CallbackLinks links, boolean placesCalls, CallStore store, JournalWriter journal, ZoneId zone) {
        this.links = links;
        this.placesCalls = placesCalls;
        this.store = store;
        this.journal = journal;
        this.zone = zone;
    }

    @Override
    public void configure() {
        rest(CallbackLinks.PATH).tag("calls")
                .get().routeId("http-callback-page").security(OPEN).produces("text/html")
                .description("The call-back link of an SMS's email: a good link leads (303) to the dashboard's page"
                        + " that asks the signed-in member of staff to confirm the call; it starts nothing itself")
                .param().name("t").type(RestParamType.query).required(true).description("the signed token").endParam()
                .responseMessage("303", "Location: /dashboard/#/callback/TOKEN")
                .responseMessage("403", "a page: the link is not the hub's (forged, altered or cut)")
                .responseMessage("409", "a page: the link was used already (it starts one call)")
                .responseMessage("410", "a page: the link has expired")
                .responseMessage("503", "a page: click-to-call is off")
                .to("direct:http-callback-page");
        rest("/api/calls/callback").tag("calls")
                .get().routeId("http-callback-check").security(SIGNED_IN)
                .description("What a call-back link would do, without using it: the number, the SMS it answers, until"
                        + " when it works, and the signed-in user's extension that would ring first")
                .param().name("t").type(RestParamType.query).required(true).description("the signed token").endParam()
                .responseMessage("200", "{\"number\", \"smsId\", \"expiresAt\", \"extension\"}")
                .responseMessage("403", "forged")
                .responseMessage("409", "used already")
                .responseMessage("410", "expired")
                .to("direct:http-callback-check")
                .post().routeId(CONFIRM).security(SIGNED_IN)
                .description("Uses a call-back link: the PBX rings the signed-in user's extension, then the SMS's"
                        + " sender. The link then works no more")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .endParam()
                .responseMessage("201", "the call, as POST /api/calls answers it")
                .responseMessage("400", "the signed-in user has no extension (the link stays usable)")
                .responseMessage("403", "forged, or the number opted out (STOP)")
                .responseMessage("409", "used already")
                .responseMessage("410", "expired")
                .responseMessage("503", "click-to-call is off")
                .to("direct:" + CONFIRM);
        from("direct:http-callback-page").process(this::page);
        from("direct:http-callback-check").process(this::check);
        from("direct:" + CONFIRM)
                .process(this::use)
                .to(CallsApiRoute.PLACE)
                .process(this::started);
    }

    private void page(Exchange exchange) {
        String token = ApiRequests.query(exchange).getOrDefault("t", "");
        if (links == null) {
            html(exchange, 503, "Click-to-call is off", "This hub does not place calls now; call the number from your"
                    + " own phone.");
            return;
        }
        CallbackLinks.Check check = links.check(token);
        if (check.ok()) {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
            exchange.getMessage().setHeader("Location", "/dashboard/#/callback/" + token);
            JsonReply.servletHeader(exchange, "Cache-Control", "no-store");
            exchange.getMessage().setBody(null);
            return;
        }
        refused(check, "the link's page", null);
        html(exchange, status(check.refusal()), title(check.refusal()), explanation(check) + ".");
    }

    private void check(Exchange exchange) throws Exception {
        CallbackLinks.Check check = checked(ApiRequests.query(exchange).getOrDefault("t", ""));
        if (!check.ok()) {
            refused(check, "the dashboard's confirmation page", ApiRequests.user(exchange));
            throw refusal(check);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", check.link().number());
        out.put("smsId", check.link().smsId());
        out.put("expiresAt", check.link().expiresAt().atZone(zone).toOffsetDateTime().toString());
        out.put("extension", store.extensionOf(ApiRequests.user(exchange)).orElse(null));
        JsonReply.send(exchange, 200, out);
    }

    /** Checks who asks and for whom before the link is spent: a refusal here leaves it usable. */
    private void use(Exchange exchange) {
        String token = ApiRequests.text(ApiRequests.jsonObject(exchange, EXAMPLE), "token");
        CallbackLinks.Check check = checked(token == null ? "" : token.strip());
        String user = ApiRequests.user(exchange);
        if (check.ok()) {
            String agent = store.extensionOf(user).orElseThrow(() -> ApiException.badRequest("no extension", "your"
                    + " phone is not known to the hub; an admin sets it: switchboard users extension " + user
                    + " EXTENSION. The link still works"));
            if (store.isOptedOut(check.link().number())) {
                throw new ApiException(403, "number opted out", check.link().number() + " asked not to be contacted"
                        + " (STOP); the hub does not call it");
            }
            check = links.use(token.strip(), user);
            if (check.ok()) {
                exchange.setProperty(TOKEN, token.strip());
                exchange.setProperty(CallsApiRoute.CALL, new String[] {user, agent, check.link().number()});
                exchange.setProperty(CallsApiRoute.VIA, "the call-back link of SMS in-" + check.link().smsId());
                journal.record(Hop.now(JournalKind.INBOUND_SMS, check.link().smsId(), "call-back-confirmed",
                        CONFIRM, "by " + user + ", extension " + agent, null));
                return;
            }
        }
        refused(check, "a confirmation", user);
        throw refusal(check);
    }

    private void started(Exchange exchange) {
        Call call = exchange.getProperty(CallsApiRoute.CALL, Call.class);
        links.started(exchange.getProperty(TOKEN, String.class), call.id());
    }

    private CallbackLinks.Check checked(String token) {
        if (links == null || !placesCalls) {
            throw new ApiException(503, "click-to-call is not configured", "call-back links work while"
                    + " switchboard.calls.mode is set");
        }
        return links.check(token);
    }

    /** Journals a refused link: on its SMS when it is the hub's own (expired, used), apart when forged. */
    private void refused(CallbackLinks.Check check, String where, String user) {
        String detail = check.refusal().name().toLowerCase(Locale.ROOT) + ", at " + where
                + (user == null ? "" : ", signed in as " + user);
        if (check.link() != null) {
            journal.record(Hop.now(JournalKind.INBOUND_SMS, check.link().smsId(), "call-back-refused", CONFIRM,
                    detail, check.refusal().name().toLowerCase(Locale.ROOT)));
        } else {
            journal.record(Hop.now(JournalKind.CALLBACK_LINK, 0, "call-back-refused", CONFIRM, detail, "forged"));
        }
    }

    private ApiException refusal(CallbackLinks.Check check) {
        return new ApiException(status(check.refusal()), switch (check.refusal()) {
            case FORGED -> "not a call-back link of this hub";
            case EXPIRED -> "call-back link expired";
            case USED -> "call-back link used already";
        }, explanation(check));
    }

    private static int status(CallbackLinks.Refusal refusal) {
        return switch (refusal) {
            case FORGED -> 403;
            case EXPIRED -> 410;
            case USED -> 409;
        };
    }

    private String explanation(CallbackLinks.Check check) {
        return switch (check.refusal()) {
            case FORGED -> "the link was not made by this hub, or was changed or cut on its way (a long line broken"
                    + " in the mail); call the number from the dashboard instead";
            case EXPIRED -> "the link to call " + check.link().number() + " back worked until "
                    + check.link().expiresAt().atZone(zone).format(WHEN) + "; call the number from the dashboard"
                    + " instead";
            case USED -> "the link to call " + check.link().number() + " back starts one call, and it was used; call"
                    + " again from the dashboard";
        };
    }

    private static String title(CallbackLinks.Refusal refusal) {
        return switch (refusal) {
            case FORGED -> "This is not a call-back link of this hub";
            case EXPIRED -> "This call-back link has expired";
            case USED -> "This call-back link was used already";
        };
    }

    /** A small page of its own: no script, no style from elsewhere, every text escaped. */
    private static void html(Exchange exchange, int status, String title, String text) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1 id=\"refusal\">" + escape(title) + "</h1><p id=\"why\">" + escape(text)
                + "</p><p><a href=\"/dashboard/\">Open the dashboard</a></p></body></html>\n";
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Referrer-Policy", "no-referrer");
        JsonReply.servletHeader(exchange, "Cache-Control", "no-store");
        exchange.getMessage().setBody(page);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
