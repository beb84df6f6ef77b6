package org.switchboard.modem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.switchboard.modem.ModemConstants;
import org.switchboard.modem.at.AtChannelFuzzer;
import org.switchboard.modem.pdu.PduBench;
import org.switchboard.modem.pdu.PduFuzzer;
import org.switchboard.modem.testing.SimHarness;

/**
 * The figures issue 2 asks for, printed and never asserted: PDU encode+decode per second on one core, a million fuzz
 * inputs each for the PDU decoder and the AT channel, and SMS sends per second through 1, 4 and 16 simulated modems at
 * 115200 baud against the limit the bytes on the line allow. Run with {@code ./bench [all|pdu|fuzz|sends]}.
 */
public final class ModemBench {
    private static final int BAUD = Integer.getInteger("bench.baud", 115_200);
    /** 8N1 framing: ten bits on the wire per byte. */
    private static final double BYTES_PER_SECOND = BAUD / 10.0;
    private static final String OUTSIDE = "+628159919457";
    private static final int SENDERS_PER_MODEM = Integer.getInteger("bench.senders", 2);

    private ModemBench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("all") || what.equals("pdu")) {
            double rate = PduBench.run(3, 10);
            System.out.printf(Locale.ROOT, "pdu: %,.0f encode+decode per second on one thread (goal >= 200,000)%n", rate);
        }
        if (what.equals("all") || what.equals("fuzz")) {
            var pdu = PduFuzzer.run(1_000_000, 20261126L);
            System.out.printf(Locale.ROOT, "fuzz pdu decoder: %,d inputs, %d failures, %,.0f inputs/s%s%n", pdu.inputs(),
                    pdu.failures(), pdu.inputsPerSecond(), pdu.failures() > 0 ? " first: " + pdu.firstFailure() : "");
           var at = AtChannelFuzzer.run(1_000_000, 20261126L);
           System.out.printf(Locale.ROOT, "fuzz AT channel: %,d inputs, %d failures, %,.0f inputs/s%s%n", at.inputs(),
                   at.failures(), at.inputsPerSecond(), at.failures() > 0 ? " first: " + at.firstFailure() : "");
        }
        if (what.equals("all") || what.equals("sends")) {
            int seconds = Integer.getInteger("bench.seconds", 10);
            SendFigures one = sends(1, seconds);
            one.print(one);
            for (int modems : new int[] { 4, 16 }) {
                sends(modems, seconds).print(one);
            }
        }
    }

    /** What one run of {@link #sends} measured. */
    record SendFigures(int modems, long sent, double seconds, long bytesUp, long bytesDown) {
        double rate() {
            return sent / seconds;
        }

        double bytesPerSms() {
            return (double) (bytesUp + bytesDown) / sent;
        }

        /**
         * The most a modem's link can carry: the AT dialogue of one SMS is a strict exchange (command, prompt, PDU,
         * answer), so its bytes up and down cross the line one after the other, never at the same time.
         */
        double lineLimit() {
            return modems * BYTES_PER_SECOND / bytesPerSms();
        }

        void print(SendFigures single) {
            String scaling = modems == 1 ? "" : String.format(Locale.ROOT, ", scaling efficiency %.3f (goal >= 0.95)",
                    rate() / (modems * single.rate()));
            System.out.printf(Locale.ROOT,
                    "sends: %2d modem(s) at %d baud: %,8.1f SMS/s; %.1f bytes on the line per SMS (%.1f up, %.1f down);"
                            + " line-rate limit %,.1f SMS/s; %.1f %% of the limit (goal >= 90 %%)%s%n",
                    modems, BAUD, rate(), bytesPerSms(), (double) bytesUp / sent, (double) bytesDown / sent, lineLimit(),
                    100 * rate() / lineLimit(), scaling);
        }
    }

    /**
     * Short SMS sent back to back for the given time after a warm-up, by {@link #SENDERS_PER_MODEM} producer threads
     * per modem: as in a broadcast, a modem always has the next SMS queued when one completes.
     */
    static SendFigures sends(int modems, int seconds) throws Exception {
        try (SimHarness sim = SimHarness.start(modems, BAUD); CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate(modems * SENDERS_PER_MODEM * 2);
            List<String> uris = new ArrayList<>();
            for (int m = 1; m <= modems; m++) {
                // No health polls or sweeps while measuring: only SMS cross the line.
                uris.add("modem:bench" + m + "?host=127.0.0.1&port=" + sim.port(m)
                        + "&healthInterval=3600000&readyTimeout=30000&commandTimeout=10000");
            }
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            CountDownLatch warm = new CountDownLatch(modems * SENDERS_PER_MODEM);
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < modems * SENDERS_PER_MODEM; s++) {
                int m = s % modems;
                String uri = uris.get(m);
                Thread t = new Thread(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        String text = String.format(Locale.ROOT, "Switchboard bench message %06d", i++);
                        Exchange ex = template.request(uri, e -> {
                            e.getIn().setBody(text);
                            e.getIn().setHeader(ModemConstants.RECIPIENT, OUTSIDE);
                        });
                        if (ex.getException() != null) {
                            failed.incrementAndGet();
                        } else if (measuring.get()) {
                            sent.incrementAndGet();
                        }
                        if (i == 20) {
                            warm.countDown();
                        }
                    }
                }, "bench-sender-" + (s + 1) + "-modem-" + (m + 1));
                senders.add(t);
                t.start();
            }
            if (!warm.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the modems did not warm up");
            }
            // Let the JIT settle on the send path before measuring.
            TimeUnit.SECONDS.sleep(Integer.getInteger("bench.warmup", 5));
            long up0 = 0;
            long down0 = 0;
            for (int m = 1; m <= modems; m++) {
                up0 += sim.bytesFromHost(m);
                down0 += sim.bytesToHost(m);
            }
            long start = System.nanoTime();
            measuring.set(true);
            TimeUnit.SECONDS.sleep(seconds);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long count = sent.get();
            long up1 = 0;
            long down1 = 0;
            for (int m = 1; m <= modems; m++) {
                up1 += sim.bytesFromHost(m);
                down1 += sim.bytesToHost(m);
            }
            stop.set(true);
            for (Thread t : senders) {
                t.join(30_000);
            }
            if (failed.get() > 0) {
                System.out.printf("sends: %d modem(s): %d sends failed%n", modems, failed.get());
            }
            // Bytes of sends in flight at the edges blur the figure by less than one SMS per modem.
            return new SendFigures(modems, count, elapsed, up1 - up0, down1 - down0);
        }
    }
}
