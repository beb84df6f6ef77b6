package org.switchboard.it;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.switchboard.smpp.NewSmppAccount;
import org.switchboard.smpp.SmppAccountStore;

/**
 * The hub's SMPP server under load, as issue 14 asks it measured: {@value #BINDS} transmitter binds of one account
 * (jSMPP's client), each keeping {@value #WINDOW} submit_sm outstanding, into the whole hub on PostgreSQL
 * (127.0.0.1:5432). A submit counts when its submit_sm_resp says ESME_ROK, i.e. once it is committed. After a 10 s
 * warm-up, {@code rounds} rounds of {@code seconds} each print submits per second and the hub JVM's CPU per submit
 * (client and hub share this JVM and the machine: the CPU is the process's), then the median and range. Finally the
 * committed rows are counted against the acknowledged submits. Asserts nothing. {@code ./bench smpp-server [seconds]
 * [rounds]}.
 */
public final class SmppServerBench {
    private static final int BINDS = 4;
    private static final int WINDOW = 50;
    private static final int WARM_UP_SECONDS = 10;

    private SmppServerBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("smpp-bench");
        System.out.printf("SMPP server: %d binds x window %d, submit_sm answered after commit; %d rounds of %d s after"
                + " a %d s warm-up%n", BINDS, WINDOW, rounds, seconds, WARM_UP_SECONDS);
        try (InProcessHub hub = InProcessHub.start(dir, Map.of("switchboard.simulator.modems", "1",
                "switchboard.imap.poll-millis", "1000", "switchboard.outbox.poll-millis", "250",
                "switchboard.smpp.server.window", String.valueOf(WINDOW)))) {
            // The one modem takes its time: the queue grows, as it would behind a slow channel.
            hub.hub().simulator().modems().forEach(m -> m.latency(6000));
            new SmppAccountStore(hub.hub().database().dataSource()).add(NewSmppAccount.of("bench", "bench"), "bench");
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<SMPPSession> sessions = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(BINDS * WINDOW);
            for (int b = 0; b < BINDS; b++) {
                SMPPSession s = new SMPPSession();
                s.setTransactionTimer(30_000);
                s.connectAndBind("127.0.0.1", hub.smppPort(), new BindParameter(BindType.BIND_TX, "bench", "bench", "",
                        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
                sessions.add(s);
                for (int w = 0; w < WINDOW; w++) {
                    int slot = b * WINDOW + w;
                    Thread t = new Thread(() -> submitLoop(s, slot, running, acknowledged, refused, started),
                            "bench-" + slot);
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                }
            }
            started.await();
            Thread.sleep(WARM_UP_SECONDS * 1000L);
            List<Double> rates = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                long a0 = acknowledged.get();
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long n = acknowledged.get() - a0;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double rate = n / elapsed;
                double usPer = (cpuNanos() - c0) / 1e3 / Math.max(1, n);
                rates.add(rate);
                cpu.add(usPer);
                System.out.printf(Locale.ROOT, "  round %d: %,.0f submit_sm/s committed and answered, %,.0f us CPU"
                        + " (client and hub) per submit, %d refused so far%n", r, rate, usPer, refused.get());
            }
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
            sessions.forEach(SMPPSession::unbindAndClose);
            System.out.printf(Locale.ROOT, "median %,.0f submit_sm/s (range %,.0f-%,.0f), CPU %,.0f us per submit;"
                    + " machine: %d cores%n", median(rates), min(rates), max(rates), median(cpu),
                    Runtime.getRuntime().availableProcessors());
            long rows = ((Number) hub.query("SELECT count(*) AS n FROM smpp_submit WHERE system_id = 'bench'").get(0)
                    .get("n")).longValue();
            System.out.printf("acknowledged %,d, committed rows %,d%s%n", acknowledged.get(), rows,
                    rows >= acknowledged.get() ? "" : "  <-- LOST");
        }
    }

    private static void submitLoop(SMPPSession s, int slot, AtomicBoolean running, AtomicLong acknowledged,
            AtomicLong refused, CountDownLatch started) {
        byte[] text = ("Benchmark message from slot " + slot).getBytes(StandardCharsets.US_ASCII);
        long i = 0;
        started.countDown();
        while (running.get()) {
            String to = String.format("6281%03d%06d", slot % 1000, i++ % 1_000_000);
            try {
                s.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "BENCH",
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 1,
                        null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(), (byte) 0, text);
                acknowledged.incrementAndGet();
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
