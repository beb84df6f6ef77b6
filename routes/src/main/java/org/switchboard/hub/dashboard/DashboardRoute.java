package org.switchboard.hub.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;
import org.apache.camel.model.rest.RestParamType;
import org.switchboard.hub.http.Admission;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;

/**
 * The staff's dashboard: the static files of the classpath folder {@code dashboard/} at {@code /dashboard/...}, and
 * {@code GET /} sent there. The files are open (they hold no data); every figure on the pages comes from {@code /api}
 * with the signed-in session.
 */
public final class DashboardRoute extends HttpRoutes {
    static final String FOLDER = "dashboard/";
    private static final String PREFIX = "/dashboard/";
    /**
     * Plain names only, folder by folder: no "..", no leading dot, no backslash, no percent escapes left. What is not
     * of this shape is refused before the class loader sees it, so no path can reach outside the folder.
     */
    private static final Pattern SAFE = Pattern.compile("^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "csv", "text/csv; charset=utf-8");
    /**
     * Scripts, styles and data from the hub alone: a value a page forgot to escape still cannot run code or load
     * anything from elsewhere.
     */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final String base;
    private final ClassLoader loader;
    private final Map<String, Optional<StaticFile>> files = new ConcurrentHashMap<>();

    public DashboardRoute(String host, int port) {
        this(host, port, DashboardRoute.class.getClassLoader());
    }

    DashboardRoute(String host, int port, ClassLoader loader) {
        this.base = "jetty:http://" + host + ":" + port;
        this.loader = loader;
    }

    private record StaticFile(byte[] bytes, String type, String etag) {
    }

    @Override
    public void configure() {
        rest("/").tag("dashboard")
                .get().routeId("http-root").security(OPEN).description("Leads to the dashboard")
                .responseMessage("302", "Location: /dashboard/")
                .to("direct:http-root")
                .head().routeId("http-root-head").security(OPEN).apiDocs(false).to("direct:http-root-head");
        from("direct:http-root").process(e -> redirect(e, PREFIX));
        from("direct:http-root-head").process(e -> redirect(e, PREFIX));
        // Every file of the folder, whatever its depth: a prefix of a plain Jetty route, described for the document.
        from(base + "/dashboard?matchOnUriPrefix=true").routeId("http-dashboard")
                .routeProperty(Admission.ACCESS, Admission.OPEN).process(this::serve);
        describe("/dashboard/{file}").tag("dashboard")
                .get().security(OPEN)
                .description("The dashboard's static files (open: its data comes from /api with the signed-in"
                        + " session); /dashboard/ is its page, a file may be in a folder (js/app.js)")
                .param().name("file").type(RestParamType.path).example("index.html").endParam()
                .responseMessage("200", "the file, with its ETag")
                .responseMessage("304", "unchanged since the ETag in If-None-Match")
                .responseMessage("404", "no such file");
    }

    private void serve(Exchange exchange) throws Exception {
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = Optional.ofNullable(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class)).orElse("");
        String ifNoneMatch = exchange.getIn().getHeader("If-None-Match", String.class);
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader("Allow", "GET, HEAD");
            JsonReply.send(exchange, 405, error("method not allowed", "the dashboard's files are read with GET"));
            return;
        }
        if (path.equals("/dashboard")) {
            // relative links in the pages resolve against the folder, so it must end with a slash
            redirect(exchange, PREFIX);
            return;
        }
        String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (name.isEmpty() || name.endsWith("/")) {
            name = name + "index.html";
        }
        Optional<StaticFile> file = SAFE.matcher(name).matches() && !name.contains("..") ? file(name) : Optional.empty();
        if (file.isEmpty()) {
            JsonReply.send(exchange, 404, error("no such file", path));
            return;
        }
        StaticFile f = file.get();
        exchange.getMessage().removeHeaders("*");
        securityHeaders(exchange);
        exchange.getMessage().setHeader("ETag", f.etag());
        // Revalidated every time: a hub upgraded in place serves its new pages at once, and an unchanged file costs a 304.
        cacheControl(exchange, "no-cache");
        if (f.etag().equals(ifNoneMatch)) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, f.type());
        exchange.getMessage().setBody("HEAD".equals(method) ? null : f.bytes());
    }

    /** A file of the folder, read once: they are a few kilobytes each and do not change while the hub runs. */
    private Optional<StaticFile> file(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            // also what keeps a folder's own name (a jar lists it as a resource) from being served
            return Optional.empty();
        }
        return files.computeIfAbsent(name, n -> {
            try (InputStream in = loader.getResourceAsStream(FOLDER + n)) {
                if (in == null) {
                    return Optional.empty();
                }
                byte[] bytes = in.readAllBytes();
                return Optional.of(new StaticFile(bytes, type, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void securityHeaders(Exchange exchange) {
        exchange.getMessage().setHeader("Content-Security-Policy", CSP);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Referrer-Policy", "no-referrer");
        exchange.getMessage().setHeader("X-Frame-Options", "DENY");
    }

    private static void redirect(Exchange exchange, String to) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        exchange.getMessage().setHeader("Location", to);
        cacheControl(exchange, "no-store");
        exchange.getMessage().setBody(null);
    }

    /**
     * Camel's HTTP header filter drops a Cache-Control header set on the message, so it goes on the servlet response,
     * which keeps it when Camel writes the status and body.
     */
    private static void cacheControl(Exchange exchange, String value) {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        if (http != null && http.getResponse() != null) {
            http.getResponse().setHeader("Cache-Control", value);
        }
    }

    private static Map<String, Object> error(String error, String detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("detail", detail);
        return out;
    }
}
