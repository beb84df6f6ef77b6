package org.switchboard.hub.smpp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.channel.smpp.BindView;
import org.switchboard.channel.smpp.SmppChannel;
import org.switchboard.smpp.BindKind;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * The SMPP server's accounts and binds over HTTP, for admins: {@code GET|POST /api/smpp/accounts},
 * {@code DELETE /api/smpp/accounts/ID}, {@code POST /api/smpp/accounts/ID/password}, and {@code GET /api/smpp/binds}
 * (the binds open now). The same as {@code switchboard smpp accounts ...} on the command line.
 */
final class SmppApiRoute extends HttpRoutes {
    private static final String EXAMPLE = "{\"systemId\": \"bankapp\", \"password\": \"s3cret\", \"bindTypes\":"
            + " [\"transceiver\"], \"sources\": [\"9123\"], \"throughput\": 100, \"maxBinds\": 4}";

    private final SmppAccountStore accounts;
    private final BoundApps apps;
    private final List<SmppChannel> upstream;

    SmppApiRoute(SmppAccountStore accounts, BoundApps apps, List<SmppChannel> upstream) {
        this.accounts = accounts;
        this.apps = apps;
        this.upstream = upstream;
    }

    @Override
    public void configure() {
        rest("/api/smpp").tag("smpp")
                .get("/accounts").routeId("http-smpp-accounts").security(ADMIN)
                .description("SMPP accounts applications bind with, and their binds open now (admin only)")
                .responseMessage("200", "{\"accounts\": [...]}")
                .to("direct:http-smpp-accounts")
                .post("/accounts").routeId("http-smpp-account-add").security(ADMIN)
                .description("Add an SMPP account (admin only): password 1 to 8 characters, kept as a bcrypt hash;"
                        + " bindTypes, sources (PREFIX* for a range), throughput (a second, 0 none) and maxBinds"
                        + " optional")
                .consumes("application/json")
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .endParam()
                .responseMessage("201", "the account")
                .responseMessage("409", "there is already an account with that system_id")
                .to("direct:http-smpp-account-add")
                .delete("/accounts/{systemId}").routeId("http-smpp-account-remove").security(ADMIN)
                .description("Remove an SMPP account (admin only); what it submitted is still sent")
                .param().name("systemId").type(RestParamType.path).example("bankapp").endParam()
                .responseMessage("200", "{\"removed\": SYSTEM_ID}")
                .responseMessage("404", "no such account")
                .to("direct:http-smpp-account-remove")
                .post("/accounts/{systemId}/password").routeId("http-smpp-account-password").security(ADMIN)
                .description("Set an SMPP account's password (admin only); binds already open stay bound")
                .consumes("application/json")
                .param().name("systemId").type(RestParamType.path).example("bankapp").endParam()
                .param().name("body").type(RestParamType.body).required(true)
                        .example("application/json", "{\"password\": \"n3w\"}").endParam()
                .responseMessage("200", "changed")
                .responseMessage("404", "no such account")
                .to("direct:http-smpp-account-password")
                .get("/binds").routeId("http-smpp-binds").security(ADMIN)
                .description("The applications' binds open now on this node (admin only)")
                .responseMessage("200", "{\"binds\": [...]}")
                .to("direct:http-smpp-binds")
                .get("/channels").routeId("http-smpp-channels").security(SIGNED_IN)
                .description("The hub's binds to operators' SMSCs (the smpp channels): each bind's state, window in"
                        + " use, submits, errors, throttles, receipts and their mean latency")
                .responseMessage("200", "{\"channels\": [...]}")
                .to("direct:http-smpp-channels");
        from("direct:http-smpp-accounts").process(this::list);
        from("direct:http-smpp-account-add").process(this::add);
        from("direct:http-smpp-account-remove").process(this::remove);
        from("direct:http-smpp-account-password").process(this::password);
        from("direct:http-smpp-binds").process(this::binds);
        from("direct:http-smpp-channels").process(this::channels);
    }

    private void list(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SmppAccount a : accounts.list()) {
            out.add(view(a));
        }
        JsonReply.send(exchange, 200, Map.of("accounts", out));
    }

    private void add(Exchange exchange) throws Exception {
        JsonNode body = ApiRequests.jsonObject(exchange, EXAMPLE);
        try {
            Set<BindKind> kinds = EnumSet.noneOf(BindKind.class);
            for (String t : strings(body.path("bindTypes"))) {
                kinds.add(BindKind.parse(t));
            }
            if (kinds.isEmpty()) {
                kinds = EnumSet.allOf(BindKind.class);
            }
            NewSmppAccount a = new NewSmppAccount(body.path("systemId").asText(""), body.path("password").asText(""),
                    kinds, strings(body.path("sources")), body.path("throughput").asInt(0),
                    body.path("maxBinds").asInt(4));
            JsonReply.send(exchange, 201, view(accounts.add(a,
                    exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class))));
        } catch (IllegalArgumentException e) {
            throw new ApiException(e.getMessage().startsWith("there is already") ? 409 : 400,
                    "cannot add the SMPP account", e.getMessage());
        }
    }

    private void remove(Exchange exchange) throws Exception {
        String systemId = ApiRequests.pathParameter(exchange, "systemId");
        if (!accounts.remove(systemId)) {
            throw ApiException.notFound("no such SMPP account", systemId);
        }
        JsonReply.send(exchange, 200, Map.of("removed", systemId));
    }

    private void password(Exchange exchange) throws Exception {
        String systemId = ApiRequests.pathParameter(exchange, "systemId");
        JsonNode body = ApiRequests.jsonObject(exchange, "{\"password\": \"n3w\"}");
        try {
            if (!accounts.setPassword(systemId, body.path("password").asText(""))) {
                throw ApiException.notFound("no such SMPP account", systemId);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cannot set the password", e.getMessage());
        }
        JsonReply.send(exchange, 200, Map.of("systemId", systemId, "passwordChanged", true));
    }

    private void binds(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BoundApp b : apps.all()) {
            out.add(view(b));
        }
        JsonReply.send(exchange, 200, Map.of("binds", out));
    }

    private void channels(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SmppChannel c : upstream) {
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("channel", c.id());
            channel.put("smsc", c.smsc());
            channel.put("state", c.health().name());
            List<Map<String, Object>> binds = new ArrayList<>();
            for (BindView b : c.binds()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("bind", b.name());
                v.put("state", b.state().name());
                v.put("reason", b.reason());
                v.put("windowInUse", b.windowInUse());
                v.put("window", b.window());
                v.put("submitted", b.submitted());
                v.put("errors", b.errors());
                v.put("throttled", b.throttled());
                v.put("binds", b.binds());
                v.put("receipts", b.receipts());
                v.put("receiptLatencyMillis", b.receipts() == 0 ? null : b.receiptLatencyMillis() / b.receipts());
                binds.add(v);
            }
            channel.put("binds", binds);
            out.add(channel);
        }
        JsonReply.send(exchange, 200, Map.of("channels", out));
    }

    private Map<String, Object> view(SmppAccount a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("systemId", a.systemId());
        out.put("bindTypes", a.bindKinds().stream().sorted().map(BindKind::text).toList());
        out.put("sources", a.allowedSources());
        out.put("throughput", a.throughput());
        out.put("maxBinds", a.maxBinds());
        // over every node alive, as max_binds counts them (GET /api/smpp/binds lists this node's)
        out.put("bindsOpen", apps.openEverywhere(a.systemId()));
        out.put("createdBy", a.createdBy());
        out.put("createdAt", a.createdAt().toString());
        return out;
    }

    static Map<String, Object> view(BoundApp b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bindId", b.bindId());
        out.put("systemId", b.systemId());
        out.put("bindType", b.kind().text());
        out.put("remote", b.remote());
        out.put("boundAt", b.boundAt().toString());
        out.put("state", b.session().getSessionState().name());
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        } else if (array.isTextual() && !array.asText().isBlank()) {
            for (String s : array.asText().split(",")) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
