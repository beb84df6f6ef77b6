package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Single-thread throughput of encode + decode over a realistic mix: a short GSM 7-bit text, a three-part GSM 7-bit
 * text, a UCS2 text with emoji and a status report. One operation encodes one message and decodes all its parts.
 */
public final class PduBench {
    private static final OffsetDateTime WHEN = OffsetDateTime.parse("2026-11-22T09:15:30+07:00");
    private static final SubmitRequest SHORT = SubmitRequest.of("+6281234567890",
            "Kode OTP Anda 482913. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun.");
    private static final SubmitRequest THREE_PARTS = new SubmitRequest("+6281234567890",
            ("Pesanan #88231 sudah dikirim [kurir: JNE] dan tiba besok; total €12,50 {lunas}. ").repeat(6)
                    .substring(0, 420), false, true, 77, null);
    private static final DeliverRequest EMOJI = new DeliverRequest("Tokopedia",
            "Selamat ulang tahun! \uD83C\uDF89\uD83C\uDF82 Semoga sukses selalu \uD83D\uDE00", "+62816124", WHEN, 0,
            false);
    private static final StatusReportRequest REPORT = new StatusReportRequest("+62816124", "+6281234567890", 42, 0,
            WHEN, WHEN.plusSeconds(14));

    private PduBench() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.printf("bench: %.0f encode+decode/s (one thread; mix of short GSM7, 3-part GSM7, UCS2 emoji, "
                + "status report)%n", run(warmup, measure));
    }

    public static double run(int warmupSeconds, int measureSeconds) {
        try {
            if (PduCodec.encodeSubmit(THREE_PARTS).size() != 3 || PduCodec.encodeDeliver(EMOJI).size() != 1) {
                throw new IllegalStateException("the bench mix no longer has the shape it claims");
            }
        } catch (PduException e) {
            throw new IllegalStateException("bench message failed", e);
        }
        loop(warmupSeconds * 1_000_000_000L);
        long[] result = loop(measureSeconds * 1_000_000_000L);
        return result[0] / (result[1] / 1e9);
    }

    /** Runs the mix for about {@code nanos}; returns operations done and nanoseconds taken. */
    private static long[] loop(long nanos) {
        long start = System.nanoTime();
        long deadline = start + nanos;
        long ops = 0;
        long sink = 0;
        try {
            long now = start;
            while (now < deadline) {
                for (int i = 0; i < 64; i++) {
                    sink += once((int) (ops & 3));
                    ops++;
                }
                now = System.nanoTime();
            }
            if (sink == 42) {
                System.out.print("");
            }
            return new long[] { ops, now - start };
        } catch (PduException e) {
            throw new IllegalStateException("bench message failed", e);
        }
    }

    private static long once(int which) throws PduException {
        List<EncodedPdu> parts = switch (which) {
            case 0 -> PduCodec.encodeSubmit(SHORT);
            case 1 -> PduCodec.encodeSubmit(THREE_PARTS);
            case 2 -> PduCodec.encodeDeliver(EMOJI);
            default -> List.of(PduCodec.encodeStatusReport(REPORT));
        };
        long sum = 0;
        for (EncodedPdu part : parts) {
            sum += PduCodec.decode(part.hex(), true).tpduLength();
        }
        return sum;
    }
}
