package org.switchboard.modem.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The simulator's HTTP/JSON control interface on 127.0.0.1 (DESIGN.md, "The embedded default"):
 * <ul>
 * <li>{@code GET /modems}: every modem's id, number and port</li>
 * <li>{@code GET /modems/{id}}: one modem's state: registration, faults, stored count, byte counters</li>
 * <li>{@code POST /modems/{id}/inbound} {@code {"from","text"}}: the modem receives an SMS</li>
 * <li>{@code POST /modems/{id}/raw} {@code {"pdu"}}: a raw PDU (with SMSC field) is stored as received</li>
 * <li>{@code GET} / {@code DELETE /modems/{id}/delivered}: what the modem delivered to the network</li>
 * <li>{@code POST /modems/{id}/faults}: latencyMillis, failNumbers {number: cmsCode (0 clears)}, registered,
 * noiseMillis, hung, dropNow, dropMidSend, reboot; each optional</li>
 * </ul>
 */
final class ControlServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final SimNetwork network;
    private final HttpServer server;
    private final ExecutorService executor;

    private ControlServer(SimNetwork network, HttpServer server) {
        this.network = network;
        this.server = server;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sim-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    static ControlServer start(SimNetwork network, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ControlServer control = new ControlServer(network, server);
        server.start();
        return control;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** An answer that is not 2xx. */
    private static final class HttpError extends Exception {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (HttpError e) {
                send(exchange, e.status, Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                send(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, HttpError {
        String method = exchange.getRequestMethod();
        String[] path = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
        // path[0] is "" (the leading slash)
        if (path.length < 2 || !path[1].equals("modems")) {
            throw new HttpError(404, "no such resource: " + exchange.getRequestURI().getPath());
        }
        if (path.length == 2) {
            requireMethod(method, "GET");
            List<Object> list = new ArrayList<>();
            for (SimModem m : network.modems()) {
                list.add(summary(m));
            }
            send(exchange, 200, list);
            return;
        }
        SimModem modem = modem(path[2]);
        String resource = path.length == 3 ? "" : path[3];
        if (path.length > 4) {
            throw new HttpError(404, "no such resource: " + exchange.getRequestURI().getPath());
        }
        switch (resource) {
            case "" -> {
                requireMethod(method, "GET");
                send(exchange, 200, state(modem));
            }
            case "inbound" -> {
                requireMethod(method, "POST");
                JsonNode body = body(exchange);
                String from = text(body, "from");
                String text = text(body, "text");
                try {
                    modem.inbound(from, text);
                } catch (IllegalArgumentException e) {
                    throw new HttpError(422, e.getMessage());
                }
                send(exchange, 202, Map.of("accepted", true, "stored", modem.storedCount()));
            }
            case "raw" -> {
                requireMethod(method, "POST");
                String pdu = text(body(exchange), "pdu");
                try {
                    modem.storeRawPdu(pdu);
                } catch (IllegalStateException e) {
                    throw new HttpError(507, e.getMessage());
                }
                send(exchange, 202, Map.of("accepted", true, "stored", modem.storedCount()));
            }
            case "delivered" -> {
                if (method.equals("DELETE")) {
                    modem.clearDelivered();
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                requireMethod(method, "GET");
                List<Object> list = new ArrayList<>();
                for (DeliveredSms d : modem.delivered()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("to", d.to());
                    row.put("text", d.text());
                    row.put("parts", d.parts());
                    row.put("statusReport", d.statusReport());
                    row.put("at", d.at().toString());
                    list.add(row);
                }
                send(exchange, 200, list);
            }
            case "faults" -> {
                requireMethod(method, "POST");
                applyFaults(modem, body(exchange));
                send(exchange, 200, state(modem));
            }
            default -> throw new HttpError(404, "no such resource: " + exchange.getRequestURI().getPath());
        }
    }

    private void applyFaults(SimModem modem, JsonNode f) throws HttpError {
        if (!f.isObject()) {
            throw new HttpError(400, "expected a JSON object");
        }
        for (var names = f.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("latencyMillis", "failNumbers", "registered", "noiseMillis", "hung", "dropNow", "dropMidSend",
                    "reboot").contains(name)) {
                throw new HttpError(400, "unknown fault: " + name);
            }
        }
        // Validate everything before changing anything.
        Long latency = f.has("latencyMillis") ? nonNegative(f, "latencyMillis") : null;
        Long noise = f.has("noiseMillis") ? nonNegative(f, "noiseMillis") : null;
        Map<String, Integer> fails = new LinkedHashMap<>();
        if (f.has("failNumbers")) {
            JsonNode fn = f.get("failNumbers");
            if (!fn.isObject()) {
                throw new HttpError(400, "failNumbers must be an object {number: cmsCode}");
            }
            for (var it = fn.fields(); it.hasNext();) {
                var e = it.next();
                if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                    throw new HttpError(400, "failNumbers." + e.getKey() + " must be a +CMS code (0 clears)");
                }
                fails.put(e.getKey(), e.getValue().asInt());
            }
        }
        Boolean registered = bool(f, "registered");
        Boolean hung = bool(f, "hung");
        boolean dropNow = Boolean.TRUE.equals(bool(f, "dropNow"));
        boolean dropMidSend = Boolean.TRUE.equals(bool(f, "dropMidSend"));
        boolean reboot = Boolean.TRUE.equals(bool(f, "reboot"));

        if (latency != null) {
            modem.latency(latency);
        }
        if (noise != null) {
            modem.noise(noise);
        }
        fails.forEach(modem::failNumber);
        if (registered != null) {
            modem.registered(registered);
        }
        if (hung != null) {
            modem.hang(hung);
        }
        if (dropMidSend) {
            modem.dropMidSend();
        }
        if (reboot) {
            modem.reboot();
        }
        if (dropNow) {
            modem.dropNow();
        }
    }

    private SimModem modem(String id) throws HttpError {
        int n;
        try {
            n = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new HttpError(404, "no modem " + id);
        }
        if (n < 1 || n > network.modems().size()) {
            throw new HttpError(404, "no modem " + id);
        }
        return network.modem(n);
    }

    private static Map<String, Object> summary(SimModem m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("number", m.number());
        row.put("port", m.port());
        return row;
    }

    private static Map<String, Object> state(SimModem m) {
        Map<String, Object> row = summary(m);
        row.put("connected", m.hostConnected());
        row.put("registered", m.registered());
        row.put("stored", m.storedCount());
        row.put("pending", m.pendingCount());
        row.put("delivered", m.delivered().size());
        row.put("bytesFromHost", m.bytesFromHost());
        row.put("bytesToHost", m.bytesToHost());
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("latencyMillis", m.latencyMillis());
        faults.put("failNumbers", m.failNumbers());
        faults.put("hung", m.hung());
        row.put("faults", faults);
        return row;
    }

    private static void requireMethod(String actual, String expected) throws HttpError {
        if (!actual.equals(expected)) {
            throw new HttpError(405, actual + " not allowed here; use " + expected);
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException, HttpError {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new HttpError(413, "body larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "bad JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) throws HttpError {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new HttpError(400, "\"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static Long nonNegative(JsonNode f, String field) throws HttpError {
        JsonNode v = f.get(field);
        if (!v.canConvertToLong() || v.asLong() < 0) {
            throw new HttpError(400, field + " must be a number >= 0");
        }
        return v.asLong();
    }

    private static Boolean bool(JsonNode f, String field) throws HttpError {
        JsonNode v = f.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new HttpError(400, field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
