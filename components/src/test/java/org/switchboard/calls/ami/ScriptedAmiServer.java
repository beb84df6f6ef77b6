package org.switchboard.calls.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PBX's manager port for tests and benchmarks, over a real TCP socket, speaking as Asterisk 16 does (its documented
 * actions and events) to what asterisk-java sends: the banner {@code Asterisk Call Manager/5.0.2}; Challenge (MD5) and
 * Login with its Key, the MD5 of the challenge and the secret (or a Secret in the clear), then FullyBooted, or
 * "Authentication failed" and the connection closed; CoreSettings (AsteriskVersion 16.30.0) and the Command
 * {@code core show version} that asterisk-java sends to learn the version; Ping, Logoff, and asynchronous Originate:
 * "Originate successfully queued", then the agent's channel (Newchannel, Newstate Ringing, Newstate Up,
 * OriginateResponse; or Hangup with its Q.850 cause and OriginateResponse Failure with its Reason), then the dialplan's
 * Dial of the customer (Newchannel, DialBegin, Newstate Ringing, DialEnd, Hangup). How each phone behaves is scripted
 * per agent extension and per customer number; a connected call lasts until {@link #hangUp} (or {@link #talk}'s time).
 * It can refuse logins and drop every connection, and it records what it was sent.
 * <p>
 * asterisk-java puts its own id and {@code #} before every ActionID it sends ({@code 1_5#switchboard-call-1}); the
 * server answers with the ActionID as received, as Asterisk does, and names calls by the client's part
 * ({@link Packet#actionId()}).
 */
public final class ScriptedAmiServer implements AutoCloseable {
    public static final String BANNER = "Asterisk Call Manager/5.0.2";

    /** How a phone answers the PBX's call. */
    public enum Phone {
        /** Rings, then answers. */
        ANSWERS,
        /** Busy at once: Q.850 17, Originate Reason 5, DialStatus BUSY. */
        BUSY,
        /** Rings until the PBX gives up: Originate Reason 3 / DialStatus NOANSWER, Q.850 19. */
        NO_ANSWER,
        /** Rings, then the person declines: Q.850 21, Originate Reason 1. */
        REJECTS,
        /** Cannot be reached (not registered; an unassigned number): Originate Reason 0, DialStatus CHANUNAVAIL, Q.850 1 or 20. */
        UNREACHABLE
    }

    private final ServerSocket server;
    // One thread: the events of a call leave in the order they were made, as from one PBX.
    private final ScheduledExecutorService pbx = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-ami");
        t.setDaemon(true);
        return t;
    });
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Packet> originates = new CopyOnWriteArrayList<>();
    private final List<Packet> actions = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Phone> agents = new ConcurrentHashMap<>();
    private final Map<String, Phone> customers = new ConcurrentHashMap<>();
    private final Map<String, Leg[]> calls = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedNanos = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicLong channelSeq = new AtomicLong();
    private final String user;
    private volatile String secret;
    private volatile Duration ring = Duration.ofMillis(50);
    private volatile Duration talk;
    private volatile String refuseOriginate;
    private volatile boolean coreSettingsDenied;

    /** One channel of a call: its name and Uniqueid. */
    private record Leg(String channel, String uniqueid, String exten) {
    }

    public ScriptedAmiServer(String user, String secret) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::accept, "scripted-ami-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public ScriptedAmiServer agent(String extension, Phone phone) {
        agents.put(extension, phone);
        return this;
    }

    public ScriptedAmiServer customer(String exten, Phone phone) {
        customers.put(exten, phone);
        return this;
    }

    /** How long each phone rings before it answers, declines or the PBX gives up on it. */
    public ScriptedAmiServer ring(Duration ring) {
        this.ring = ring;
        return this;
    }

    /** Connected calls hang up by themselves (the customer first) after this; null: only {@link #hangUp}. */
    public ScriptedAmiServer talk(Duration talk) {
        this.talk = talk;
        return this;
    }

    /** Logins from now on need this secret (a changed password). */
    public void secret(String secret) {
        this.secret = secret;
    }

    /** Originates from now on are answered {@code Response: Error} with this message; null: queued again. */
    public void refuseOriginate(String message) {
        this.refuseOriginate = message;
    }

    /**
     * CoreSettings from now on is answered "Permission denied", as for a manager user without the system or reporting
     * write permission: asterisk-java then asks {@code core show version} instead.
     */
    public void denyCoreSettings() {
        this.coreSettingsDenied = true;
    }

    /** Every Originate received, in order. */
    public List<Packet> originates() {
        return List.copyOf(originates);
    }

    /** Every action received, in order (the logins' keys and secrets included). */
    public List<Packet> actions() {
        return List.copyOf(actions);
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    /** Sessions logged in now. */
    public int loggedIn() {
        return (int) sessions.stream().filter(s -> s.loggedIn).count();
    }

    /** Closes every manager connection at once, as a PBX restart or a broken link does. */
    public void dropConnections() {
        sessions.forEach(Session::close);
    }

    /** Ends the connected call of ActionID {@code actionId}: {@code customerFirst} says who hung up. */
    public void hangUp(String actionId, boolean customerFirst) {
        Leg[] legs = calls.remove(actionId);
        if (legs != null) {
            Leg first = customerFirst ? legs[1] : legs[0];
            Leg second = customerFirst ? legs[0] : legs[1];
            broadcast(hangup(first, legs[0], 16, "Normal Clearing"));
            broadcast(hangup(second, legs[0], 16, "Normal Clearing"));
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                // As Asterisk's manager does for each session (it writes a packet in pieces): without it, Nagle's
                // algorithm holds each event until the client's delayed ACK, some 40 ms a call on loopback.
                s.setTcpNoDelay(true);
                Session session = new Session(s);
                sessions.add(session);
                Thread t = new Thread(session::run, "scripted-ami-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void broadcast(Packet event) {
        for (Session s : sessions) {
            if (s.loggedIn) {
                s.send(event);
            }
        }
    }

    /** When (System.nanoTime) the Originate of that ActionID arrived: the agent's phone starts ringing then. */
    public Long originateReceivedNanos(String actionId) {
        return receivedNanos.get(actionId);
    }

    /** Forgets the Originates received so far (a long benchmark would hold them all). */
    public void forgetOriginates() {
        originates.clear();
        receivedNanos.clear();
    }

    private void originate(Session from, Packet action) {
        receivedNanos.put(action.actionId(), System.nanoTime());
        originates.add(action);
        String actionId = action.get("ActionID");
        if (refuseOriginate != null) {
            from.send(Packet.of("Response", "Error", "ActionID", actionId, "Message", refuseOriginate));
            return;
        }
        from.send(Packet.of("Response", "Success", "ActionID", actionId, "Message", "Originate successfully queued"));
        String channel = action.get("Channel");
        String agentExt = channel.substring(channel.indexOf('/') + 1);
        String uniqueid = action.get("ChannelId") != null ? action.get("ChannelId") : nextUniqueid();
        Leg agent = new Leg(channel + "-" + String.format("%08x", channelSeq.incrementAndGet()), uniqueid, agentExt);
        Phone phone = agents.getOrDefault(agentExt, Phone.ANSWERS);
        broadcast(channelEvent("Newchannel", agent, agent, 0, "Down", action.get("Context"), action.get("Exten")));
        if (phone == Phone.UNREACHABLE) {
            pbx.execute(() -> {
                broadcast(hangup(agent, agent, 20, "Subscriber absent"));
                broadcast(originateResponse(action, agent, "Failure", 0));
            });
            return;
        }
        if (phone == Phone.BUSY) {
            pbx.execute(() -> {
                broadcast(hangup(agent, agent, 17, "User busy"));
                broadcast(originateResponse(action, agent, "Failure", 5));
            });
            return;
        }
        pbx.execute(() -> broadcast(channelEvent("Newstate", agent, agent, 5, "Ringing", action.get("Context"),
                action.get("Exten"))));
        pbx.schedule(() -> {
            switch (phone) {
                case NO_ANSWER -> {
                    // The Originate's timeout: Asterisk hangs the ringing channel up itself.
                    broadcast(hangup(agent, agent, 16, "Normal Clearing"));
                    broadcast(originateResponse(action, agent, "Failure", 3));
                }
                case REJECTS -> {
                    broadcast(hangup(agent, agent, 21, "Call Rejected"));
                    broadcast(originateResponse(action, agent, "Failure", 1));
                }
                default -> {
                    broadcast(channelEvent("Newstate", agent, agent, 6, "Up", action.get("Context"),
                            action.get("Exten")));
                    broadcast(originateResponse(action, agent, "Success", 4));
                    dialCustomer(action, agent);
                }
            }
        }, ring.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The dialplan at Context/Exten: Dial(PJSIP/${EXTEN}@trunk). */
    private void dialCustomer(Packet action, Leg agent) {
        String exten = action.get("Exten");
        Leg customer = new Leg("PJSIP/trunk-" + String.format("%08x", channelSeq.incrementAndGet()), nextUniqueid(),
                exten);
        Phone phone = customers.getOrDefault(exten, Phone.ANSWERS);
        broadcast(channelEvent("Newchannel", customer, agent, 0, "Down", "from-trunk", exten));
        broadcast(dial("DialBegin", agent, customer, null));
        if (phone == Phone.UNREACHABLE || phone == Phone.BUSY) {
            int cause = phone == Phone.BUSY ? 17 : 1;
            broadcast(hangup(customer, agent, cause, phone == Phone.BUSY ? "User busy" : "Unallocated (unassigned) number"));
            broadcast(dial("DialEnd", agent, customer, phone == Phone.BUSY ? "BUSY" : "CHANUNAVAIL"));
            broadcast(hangup(agent, agent, cause, phone == Phone.BUSY ? "User busy" : "Unallocated (unassigned) number"));
            return;
        }
        broadcast(channelEvent("Newstate", customer, agent, 5, "Ringing", "from-trunk", exten));
        pbx.schedule(() -> {
            switch (phone) {
                case NO_ANSWER, REJECTS -> {
                    boolean no = phone == Phone.NO_ANSWER;
                    broadcast(hangup(customer, agent, no ? 19 : 21, no ? "User alerting, no answer" : "Call Rejected"));
                    broadcast(dial("DialEnd", agent, customer, no ? "NOANSWER" : "BUSY"));
                    broadcast(hangup(agent, agent, 16, "Normal Clearing"));
                }
                default -> {
                    broadcast(channelEvent("Newstate", customer, agent, 6, "Up", "from-trunk", exten));
                    broadcast(dial("DialEnd", agent, customer, "ANSWER"));
                    String actionId = action.actionId();
                    calls.put(actionId, new Leg[] {agent, customer});
                    Duration t = talk;
                    if (t != null) {
                        pbx.schedule(() -> hangUp(actionId, true), t.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        }, ring.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String nextUniqueid() {
        return "1733600000." + channelSeq.incrementAndGet();
    }

    private static Packet channelEvent(String event, Leg leg, Leg linked, int state, String desc, String context,
            String exten) {
        return Packet.builder().add("Event", event).add("Privilege", "call,all").add("Channel", leg.channel())
                .add("ChannelState", Integer.toString(state)).add("ChannelStateDesc", desc)
                .add("CallerIDNum", leg.exten()).add("CallerIDName", "<unknown>").add("ConnectedLineNum", "<unknown>")
                .add("ConnectedLineName", "<unknown>").add("Language", "en").add("AccountCode", "")
                .add("Context", context).add("Exten", exten).add("Priority", "1").add("Uniqueid", leg.uniqueid())
                .add("Linkedid", linked.uniqueid()).build();
    }

    private static Packet hangup(Leg leg, Leg linked, int cause, String text) {
        return Packet.builder().add("Event", "Hangup").add("Privilege", "call,all").add("Channel", leg.channel())
                .add("ChannelState", "6").add("ChannelStateDesc", "Up").add("CallerIDNum", leg.exten())
                .add("CallerIDName", "<unknown>").add("ConnectedLineNum", "<unknown>")
                .add("ConnectedLineName", "<unknown>").add("Language", "en").add("AccountCode", "")
                .add("Context", "from-internal").add("Exten", leg.exten()).add("Priority", "1")
                .add("Uniqueid", leg.uniqueid()).add("Linkedid", linked.uniqueid()).add("Cause", Integer.toString(cause))
                .add("Cause-txt", text).build();
    }

    private static Packet dial(String event, Leg from, Leg to, String status) {
        return Packet.builder().add("Event", event).add("Privilege", "call,all").add("Channel", from.channel())
                .add("ChannelState", "6").add("ChannelStateDesc", "Up").add("Uniqueid", from.uniqueid())
                .add("Linkedid", from.uniqueid()).add("DestChannel", to.channel()).add("DestChannelState", "0")
                .add("DestChannelStateDesc", "Down").add("DestContext", "from-trunk").add("DestExten", to.exten())
                .add("DestUniqueid", to.uniqueid()).add("DestLinkedid", from.uniqueid())
                .add(status == null ? "DialString" : "DialStatus", status == null ? "trunk/" + to.exten() : status)
                .build();
    }

    private static Packet originateResponse(Packet action, Leg agent, String response, int reason) {
        return Packet.builder().add("Event", "OriginateResponse").add("Privilege", "call,all")
                .add("ActionID", action.get("ActionID")).add("Response", response).add("Channel", action.get("Channel"))
                .add("Context", action.get("Context")).add("Exten", action.get("Exten"))
                .add("Reason", Integer.toString(reason)).add("Uniqueid", agent.uniqueid())
                .add("CallerIDNum", "<unknown>").add("CallerIDName", "<unknown>").build();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        pbx.shutdownNow();
    }

    /** One manager connection. */
    private final class Session {
        private final Socket socket;
        private volatile boolean loggedIn;
        private String challenge;

        Session(Socket socket) {
            this.socket = socket;
        }

        void run() {
            try (socket) {
                synchronized (this) {
                    OutputStream out = socket.getOutputStream();
                    out.write((BANNER + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                Packet.Builder action = Packet.builder();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            action.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                        }
                        continue;
                    }
                    Packet done = action.build();
                    action = Packet.builder();
                    if (done.fields().isEmpty()) {
                        continue;
                    }
                    actions.add(done);
                    if (!act(done)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The connection was closed: dropped by a test, or by the hub.
            } finally {
                loggedIn = false;
                sessions.remove(this);
            }
        }

        /** Answers one action; false when the session ends with it. */
        private boolean act(Packet action) {
            String id = action.get("ActionID");
            String name = String.valueOf(action.get("Action")).toLowerCase(Locale.ROOT);
            if (!loggedIn && !name.equals("login") && !name.equals("challenge")) {
                send(Packet.of("Response", "Error", "ActionID", id, "Message", "Authentication Required"));
                return true;
            }
            switch (name) {
                case "challenge" -> {
                    if (!"MD5".equalsIgnoreCase(action.get("AuthType"))) {
                        send(Packet.of("Response", "Error", "ActionID", id, "Message", "Must specify AuthType"));
                    } else {
                        challenge = Integer.toString(random.nextInt(1_000_000_000));
                        send(Packet.of("Response", "Success", "ActionID", id, "Challenge", challenge));
                    }
                }
                case "login" -> {
                    if (!user.equals(action.get("Username")) || !keyMatches(action)) {
                        send(Packet.of("Response", "Error", "ActionID", id, "Message", "Authentication failed"));
                        return false;
                    }
                    send(Packet.of("Response", "Success", "ActionID", id, "Message", "Authentication accepted"));
                    loggedIn = true;
                    logins.incrementAndGet();
                    send(Packet.of("Event", "FullyBooted", "Privilege", "system,all", "Uptime", "3600",
                            "LastReload", "3600", "Status", "Fully Booted"));
                }
                case "coresettings" -> send(coreSettingsDenied
                        ? Packet.of("Response", "Error", "ActionID", id, "Message", "Permission denied")
                        : Packet.of("Response", "Success", "ActionID", id, "AMIversion", "5.0.2",
                                "AsteriskVersion", "16.30.0", "SystemName", "", "CoreMaxCalls", "0",
                                "CoreMaxLoadAvg", "0.000000", "CoreRunUser", "asterisk", "CoreRunGroup", "asterisk",
                                "CoreMaxFilehandles", "0", "CoreRealTimeEnabled", "No", "CoreCDRenabled", "Yes",
                                "CoreHTTPenabled", "No"));
                case "command" -> send("core show version".equals(action.get("Command"))
                        ? Packet.of("Response", "Success", "ActionID", id, "Message", "Command output follows",
                                "Output", "Asterisk 16.30.0 built by root @ pbx on a x86_64 running Linux on"
                                        + " 2026-01-05 08:00:00 UTC")
                        : Packet.of("Response", "Error", "ActionID", id, "Message", "Permission denied"));
                case "ping" -> send(Packet.of("Response", "Success", "ActionID", id, "Ping", "Pong",
                        "Timestamp", "1733600000.000000"));
                case "logoff" -> {
                    send(Packet.of("Response", "Goodbye", "ActionID", id, "Message", "Thanks for all the fish."));
                    return false;
                }
                case "originate" -> originate(this, action);
                default -> send(Packet.of("Response", "Error", "ActionID", id, "Message", "Invalid/unknown command"));
            }
            return true;
        }

        /** Asterisk's MD5 login: Key is the hex MD5 of the challenge this session was given and the secret. */
        private boolean keyMatches(Packet login) {
            if (!"MD5".equalsIgnoreCase(login.get("AuthType"))) {
                return secret.equals(login.get("Secret"));
            }
            if (challenge == null || login.get("Key") == null) {
                return false;
            }
            try {
                byte[] md5 = MessageDigest.getInstance("MD5").digest((challenge + secret).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(md5).equalsIgnoreCase(login.get("Key"));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void send(Packet m) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(m.wire());
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * One AMI packet, as received or sent: fields in order, names matched regardless of case as Asterisk does (asterisk-java
     * writes them in lower case).
     */
    public static final class Packet {
        private final List<Map.Entry<String, String>> fields;

        private Packet(List<Map.Entry<String, String>> fields) {
            this.fields = List.copyOf(fields);
        }

        static Packet of(String... nameValues) {
            Builder b = builder();
            for (int i = 0; i + 1 < nameValues.length; i += 2) {
                b.add(nameValues[i], nameValues[i + 1]);
            }
            return b.build();
        }

        static Builder builder() {
            return new Builder();
        }

        /** The first value of the field, or null. */
        public String get(String name) {
            return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
        }

        /** Every value of the field, in order. */
        public List<String> all(String name) {
            return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        public List<Map.Entry<String, String>> fields() {
            return fields;
        }

        /** The ActionID as the client named it: what follows asterisk-java's own {@code <id>#} prefix. */
        public String actionId() {
            String id = get("ActionID");
            return id == null ? null : id.substring(id.indexOf('#') + 1);
        }

        byte[] wire() {
            StringBuilder out = new StringBuilder();
            fields.forEach(f -> out.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n"));
            return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return fields.toString();
        }

        /** Builds a packet field by field; a null value leaves its field out. */
        static final class Builder {
            private final List<Map.Entry<String, String>> fields = new ArrayList<>();

            Builder add(String name, String value) {
                if (value != null) {
                    fields.add(Map.entry(name, value));
                }
                return this;
            }

            Packet build() {
                return new Packet(fields);
            }
        }
    }
}
