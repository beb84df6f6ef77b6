package org.switchboard.channel.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.MessageKind;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.channel.StatusReport;

/**
 * The smpp channel alone against the SMSC simulator over loopback TCP, as issue 14 asks it measured: every line
 * (4 binds x 50 slots) submitting from its own thread as its dispatcher would, with no throughput limit (submit_sm/s
 * answered), then with 100 a second per bind on 2 binds (the share of the limit reached). Warm-up, then rounds; each
 * round's figure, the median and range. Asserts nothing. {@code ./bench smpp-channel [seconds] [rounds]}.
 */
public final class SmppChannelBench {
    private static final ChannelListener NONE = new ChannelListener() {
        @Override
        public void received(ReceivedSms sms) {
        }

        @Override
        public void reported(StatusReport report) {
        }
    };

    private SmppChannelBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (SmscSimulator smsc = SmscSimulator.start("bench", "bench")) {
            SmppChannelSettings base = SmppChannelSettings.of("127.0.0.1", smsc.port(), "bench", "bench");
            long taken = run("no throughput limit, 4 binds x window 50", base.withBinds(4, 50), seconds, rounds, 0);
            System.out.printf("  the SMSC simulator took %,d submit_sm, the channel counted %,d answered%n",
                    smsc.submits().size(), taken);
            run("100/s per bind, 2 binds x window 10", base.withBinds(2, 10).withThroughput(100), seconds, rounds,
                    200);
        }
    }

    /** Runs one configuration; returns the submits answered. */
    private static long run(String what, SmppChannelSettings settings, int seconds, int rounds, int limit)
            throws Exception {
        SmppChannel channel = new SmppChannel("bench", settings, null);
        channel.start(NONE);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!channel.lines().stream().allMatch(l -> channel.line(l).ready()) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (String line : channel.lines()) {
            Thread t = new Thread(() -> {
                long i = 0;
                while (running.get()) {
                    try {
                        // no receipt asked: the simulator's receipts would load the same machine
                        channel.submit(line, new OutboundMessage(i, "+628130" + String.format("%07d", i++ % 10_000_000),
                                "Benchmark message", MessageKind.TEXT, false, false));
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "bench-" + line);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Thread.sleep(5000); // warm-up
        List<Double> rates = new ArrayList<>();
        System.out.println(what + ":");
        for (int r = 1; r <= rounds; r++) {
            long s0 = sent.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double rate = (sent.get() - s0) / ((System.nanoTime() - t0) / 1e9);
            rates.add(rate);
            System.out.printf(Locale.ROOT, "  round %d: %,.0f submit_sm/s%s%n", r, rate,
                    limit > 0 ? String.format(Locale.ROOT, " (%.3f of the %d/s limit)", rate / limit, limit) : "");
        }
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
        channel.stop();
        List<Double> sorted = rates.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(Locale.ROOT, "  median %,.0f submit_sm/s (range %,.0f-%,.0f)%s, %d failed; %d cores%n",
                median, sorted.get(0), sorted.get(sorted.size() - 1),
                limit > 0 ? String.format(Locale.ROOT, ", %.3f of the limit", median / limit) : "", failed.get(),
                Runtime.getRuntime().availableProcessors());
        return sent.get();
    }
}
