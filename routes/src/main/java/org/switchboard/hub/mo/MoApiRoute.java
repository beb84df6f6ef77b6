package org.switchboard.hub.mo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.ApiCredentials;
import org.switchboard.hub.http.ApiException;
import org.switchboard.hub.http.ApiRequests;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;
import org.switchboard.mo.MoRule;
import org.switchboard.mo.MoRuleStore;

/**
 * The MO routing rules over HTTP: {@code GET /api/mo/rules} for anyone signed in, {@code PUT|DELETE
 * /api/mo/rules/NAME} for admins (a rule sends SMS to a URL of its choosing). As {@code switchboard mo rules ...}.
 */
final class MoApiRoute extends HttpRoutes {
    private static final String EXAMPLE = "{\"shortCode\": \"9123\", \"keywords\": [\"REG\", \"DAFTAR\"], \"target\":"
            + " \"http\", \"url\": \"http://quiz.example/mo?from=%p&text=%a\", \"method\": \"GET\", \"reply\": true}";

    private final MoRuleStore rules;

    MoApiRoute(MoRuleStore rules) {
        this.rules = rules;
    }

    @Override
    public void configure() {
        rest("/api/mo/rules").tag("mo")
                .get().routeId("http-mo-rules").security(SIGNED_IN)
                .description("The MO routing rules: which inbound SMS go to which application instead of the help desk")
                .responseMessage("200", "{\"rules\": [...]}")
                .to("direct:http-mo-rules")
                .put("/{name}").routeId("http-mo-rule-save").security(ADMIN)
                .description("Add or replace a rule (admin only): shortCode, keywords (the first word, aliases"
                        + " included), pattern (a regular expression found in the text), each optional; target http"
                        + " (url with Kannel's %p %P %k %s %r %a %b %t %T %i %I, method GET or POST, reply: the answer's"
                        + " body is the reply SMS) or smpp (systemId: the account whose receiver gets it as deliver_sm);"
                        + " priority, lower first")
                .consumes("application/json")
                .param().name("name").type(RestParamType.path).example("quiz").endParam()
                .param().name("body").type(RestParamType.body).required(true).example("application/json", EXAMPLE)
                        .endParam()
                .responseMessage("200", "the rule")
                .responseMessage("400", "a rule that cannot work (bad pattern, URL, no account)")
                .to("direct:http-mo-rule-save")
                .delete("/{name}").routeId("http-mo-rule-delete").security(ADMIN)
                .description("Remove a rule (admin only); what it routed already is still handed over")
                .param().name("name").type(RestParamType.path).example("quiz").endParam()
                .responseMessage("200", "{\"removed\": NAME}")
                .responseMessage("404", "no such rule")
                .to("direct:http-mo-rule-delete");
        from("direct:http-mo-rules").process(this::list);
        from("direct:http-mo-rule-save").process(this::save);
        from("direct:http-mo-rule-delete").process(this::delete);
    }

    private void list(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MoRule r : rules.list()) {
            out.add(view(r));
        }
        JsonReply.send(exchange, 200, Map.of("rules", out));
    }

    private void save(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        JsonNode b = ApiRequests.jsonObject(exchange, EXAMPLE);
        try {
            List<String> keywords = new ArrayList<>();
            b.path("keywords").forEach(k -> keywords.add(k.asText()));
            MoRule r = new MoRule(name.strip(), text(b, "shortCode"), keywords, text(b, "pattern"),
                    MoRule.Target.parse(b.path("target").asText("http")), text(b, "url"), text(b, "method"),
                    b.path("reply").asBoolean(false), text(b, "systemId"), b.path("priority").asInt(100),
                    exchange.getIn().getHeader(ApiCredentials.USER_HEADER, String.class), null);
            JsonReply.send(exchange, 200, view(rules.save(r)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cannot save the rule", e.getMessage());
        }
    }

    private void delete(Exchange exchange) throws Exception {
        String name = ApiRequests.pathParameter(exchange, "name");
        if (!rules.remove(name)) {
            throw ApiException.notFound("no such rule", name);
        }
        JsonReply.send(exchange, 200, Map.of("removed", name));
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static Map<String, Object> view(MoRule r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", r.name());
        out.put("shortCode", r.shortCode());
        out.put("keywords", r.keywords());
        out.put("pattern", r.pattern());
        out.put("target", r.target().text());
        out.put("url", r.url());
        out.put("method", r.method());
        out.put("reply", r.reply());
        out.put("systemId", r.systemId());
        out.put("priority", r.priority());
        out.put("createdBy", r.createdBy());
        out.put("createdAt", r.createdAt() == null ? null : r.createdAt().toString());
        return out;
    }
}
