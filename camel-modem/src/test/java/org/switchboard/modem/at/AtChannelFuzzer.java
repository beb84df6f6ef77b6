package org.switchboard.modem.at;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutation fuzzing of {@link AtChannel}: random submits, ticks, resets and mutated modem output built from
 * real fragments. An input fails when anything but the documented exceptions escapes, an event is malformed, a
 * buffer passes its cap, or a command is still in flight after its deadline has long passed.
 *
 * <p>Run from the command line with {@code [inputs, default 1,000,000] [seed]}.
 */
public final class AtChannelFuzzer {

    /** The outcome of a run. */
    public record FuzzResult(long inputs, long failures, double inputsPerSecond, String firstFailure) {
    }

    private static final String PDU = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07";
    private static final String[] FRAGMENTS = {
        "OK", "ERROR", "+CMS ERROR: 500", "+CME ERROR: SIM PIN required", "+CME ERROR: 10", "NO CARRIER", "> ", ">",
        "+CMTI: \"SM\",3", "+CDSI: \"SR\",1", "+CMT: ,30", "+CMT: \"x\",30", "+CDS: 25", PDU, PDU.substring(0, 17),
        "^RSSI:12", "^BOOT:1,0,0,0,0", "^MODE:5,4", "+CREG: 1,\"5E25\",\"605F\"", "+CREG: 0,1", "+CREG: 2",
        "+CMGL: 1,0,,30", "+CMGR: 0,,30", "+CMGS: 12", "+CSQ: 21,0", "+CPMS: (\"SM\",\"ME\"),(\"SM\")", "+CPIN: READY",
        "+CUSD: 0,\"x\",15", "RING", "+CLIP: \"+49\",145", "RDY", "COMMAND NOT SUPPORT", "AT", "AT+CMGS=30", "AT+CREG?",
        "\u001a", "\u0000", "\u001b", " ", "\t", "\u00ff\u00fe",
    };
    private static final String[] ENDS = {"\r\n", "\r", "\n", "\r\r\n", "", "\r\n\r\n"};
    private static final String[] COMMANDS = {"AT", "AT+CSQ", "AT+CREG?", "AT+CMGL=4", "AT+CMGR=1", "ATE0", "ATE1",
        "AT+CUSD=1,\"*100#\",15", "AT+CMGF=0;+CNMI=2,1,0,2,0", "\u001b", "AT+CPIN?"};

    private AtChannelFuzzer() {
    }

    public static void main(String[] args) {
        long inputs = args.length > 0 ? Long.parseLong(args[0].replace(",", "").replace("_", "")) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 0x5EEDL;
        FuzzResult r = run(inputs, seed);
        System.out.printf("inputs=%d failures=%d inputs/s=%.0f seed=%d%n", r.inputs(), r.failures(), r.inputsPerSecond(), seed);
        if (r.firstFailure() != null) {
            System.out.println("first failure: " + r.firstFailure());
        }
        if (r.failures() > 0) {
            System.exit(1);
        }
    }

    public static FuzzResult run(long inputs, long seed) {
        Random master = new Random(seed);
        long failures = 0;
        String first = null;
        long start = System.nanoTime();
        for (long i = 0; i < inputs; i++) {
            long inputSeed = master.nextLong();
            String failure;
            try {
                failure = runOne(new Random(inputSeed));
            } catch (Throwable t) {
                failure = t.toString();
                StackTraceElement[] trace = t.getStackTrace();
                if (trace.length > 0) {
                    failure += " at " + trace[0];
                }
            }
            if (failure != null) {
                failures++;
                if (first == null) {
                    first = "input " + i + " (seed " + inputSeed + "): " + failure;
                }
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return new FuzzResult(inputs, failures, inputs / seconds, first);
    }

    /** One input: returns null when all went well, else what went wrong. */
    static String runOne(Random random) {
        AtChannel channel = new AtChannel();
        long now = random.nextInt(1_000_000);
        long owed = 0;
        String lastLine = "AT";
        int ops = 1 + random.nextInt(24);
        for (int op = 0; op < ops; op++) {
            List<AtEvent> events;
            int kind = random.nextInt(20);
            if (kind < 4) {
                boolean wasBusy = channel.busy();
                AtCommand command = randomCommand(random);
                try {
                    events = channel.submit(command, now);
                    if (wasBusy) {
                        return "submit while busy was accepted";
                    }
                    owed++;
                    lastLine = command.line();
                } catch (IllegalStateException e) {
                    if (!wasBusy) {
                        return "submit refused while idle: " + e;
                    }
                    continue;
                }
            } else if (kind < 14) {
                byte[] bytes = modemOutput(random, lastLine);
                events = new java.util.ArrayList<>();
                int at = 0;
                while (at < bytes.length) {
                    int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 200));
                    events.addAll(channel.receive(bytes, at, n, now));
                    at += n;
                }
            } else if (kind < 19) {
                now += random.nextInt(8) == 0 ? random.nextInt(1_000_000) : random.nextInt(3_000);
                events = channel.tick(now);
            } else {
                if (channel.busy()) {
                    owed--;
                }
                channel.reset();
                events = List.of();
            }
            String problem = check(channel, events);
            if (problem != null) {
                return problem;
            }
            owed -= completions(events);
            if (owed < 0 || owed > 1) {
                return "completions do not match submits (owed " + owed + ")";
            }
            if (owed != (channel.busy() ? 1 : 0)) {
                return "busy() disagrees with the completions seen";
            }
        }
        // Liveness: long after any deadline, nothing may still be in flight.
        for (int i = 0; i < 3; i++) {
            now += 600_000;
            List<AtEvent> events = channel.tick(now);
            String problem = check(channel, events);
            if (problem != null) {
                return problem;
            }
            owed -= completions(events);
        }
        if (channel.busy() || owed != 0) {
            return "command still in flight long after its deadline";
        }
        return null;
    }

    private static AtCommand randomCommand(Random random) {
        int pick = random.nextInt(COMMANDS.length + 2);
        long timeout = random.nextInt(10) == 0 ? 0 : random.nextInt(5_000);
        if (pick >= COMMANDS.length) {
            return new AtCommand("AT+CMGS=30", random.nextBoolean() ? PDU : "00", timeout);
        }
        return new AtCommand(COMMANDS[pick], null, timeout);
    }

    private static byte[] modemOutput(Random random, String lastLine) {
        int shape = random.nextInt(1_000);
        if (shape == 0) {
            return longLine(random);
        }
        if (shape == 1) {
            return endlessListing(random);
        }
        StringBuilder text = new StringBuilder();
        for (int f = 1 + random.nextInt(8); f > 0; f--) {
            String fragment = random.nextInt(6) == 0 ? lastLine : FRAGMENTS[random.nextInt(FRAGMENTS.length)];
            text.append(fragment).append(ENDS[random.nextInt(ENDS.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return random.nextInt(3) == 0 ? bytes : mutate(random, bytes);
    }

    private static byte[] mutate(Random random, byte[] input) {
        byte[] b = input;
        for (int m = 1 + random.nextInt(4); m > 0; m--) {
            if (b.length == 0) {
                return new byte[] {(byte) random.nextInt(256)};
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] longLine(Random random) {
        byte[] b = new byte[LineFramer.MAX_LINE_LENGTH + 1 + random.nextInt(20_000)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('0' + random.nextInt(40));
        }
        return b;
    }

    private static byte[] endlessListing(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < AtChannel.MAX_RESPONSE_LINES + 100 + random.nextInt(500); i++) {
            text.append("+CMGL: ").append(i).append(",1,,30\r\n").append(PDU).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int completions(List<AtEvent> events) {
        int n = 0;
        for (AtEvent e : events) {
            if (e instanceof AtEvent.Completed) {
                n++;
            }
        }
        return n;
    }

    static String check(AtChannel channel, List<AtEvent> events) {
        if (events == null) {
            return "null event list";
        }
        for (AtEvent e : events) {
            if (e instanceof AtEvent.Send send) {
                if (send.bytes() == null || send.bytes().length == 0) {
                    return "empty Send";
                }
            } else if (e instanceof AtEvent.Completed done) {
                AtResponse r = done.response();
                if (r == null || r.command() == null || r.result() == null || r.lines() == null
                        || r.lines().stream().anyMatch(java.util.Objects::isNull) || r.errorCode() < -1 || r.errorText() == null) {
                    return "malformed response " + r;
                }
                ResponseParsers.cmgl(r.lines());
                ResponseParsers.cmgr(r.lines(), 1);
                ResponseParsers.messageReference(r.lines());
                r.informationLines();
            } else if (e instanceof AtEvent.Unsolicited u) {
                UnsolicitedResult urc = u.urc();
                if (urc == null || urc.code() == null || urc.line() == null || urc.line().isEmpty()) {
                    return "malformed URC " + urc;
                }
                ResponseParsers.registration(urc.line());
                ResponseParsers.storageIndex(urc.line());
            } else {
                return "unknown event " + e;
            }
        }
        if (channel.partialLineLength() > LineFramer.MAX_LINE_LENGTH) {
            return "partial line of " + channel.partialLineLength() + " characters";
        }
        if (channel.collectedLineCount() > AtChannel.MAX_RESPONSE_LINES
                || channel.collectedCharCount() > AtChannel.MAX_RESPONSE_CHARS) {
            return "response of " + channel.collectedLineCount() + " lines, " + channel.collectedCharCount() + " chars";
        }
        return null;
    }
}
