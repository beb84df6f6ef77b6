package org.switchboard.modem.pdu;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutation fuzzer for the decoder: valid PDUs (literal samples and freshly encoded ones of every kind) are bit-flipped,
 * overwritten with boundary values, cut, stretched and spliced, sometimes at the hex level; only {@link PduException}
 * may come out. Deterministic for a given seed.
 */
public final class PduFuzzer {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int[] BOUNDARY = { 0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x14, 0x1B, 0x3F, 0x40, 0x7F, 0x80,
            0x8C, 0x8D, 0x91, 0xA0, 0xA1, 0xD0, 0xF5, 0xFE, 0xFF };

    private PduFuzzer() {
    }

    public static void main(String[] args) {
        long inputs = args.length > 0 ? Long.parseLong(args[0].replace("_", "").replace(",", "")) : 1_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        FuzzResult r = run(inputs, seed);
        System.out.printf("fuzz: %d inputs, %d failures, %.0f inputs/s%n", r.inputs(), r.failures(),
                r.inputsPerSecond());
        if (r.firstFailure() != null) {
            System.out.println("first failure: " + r.firstFailure());
        }
        System.exit(r.failures() == 0 ? 0 : 1);
    }

    public static FuzzResult run(long inputs, long seed) {
        List<byte[]> seeds = seeds();
        SplittableRandom random = new SplittableRandom(seed);
        long failures = 0;
        String first = null;
        long start = System.nanoTime();
        for (long n = 0; n < inputs; n++) {
            byte[] pdu = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
            String hex = HEX.formatHex(pdu);
            if (random.nextInt(20) == 0) {
                hex = mutateHex(hex, random);
            }
            boolean smsc = random.nextInt(10) != 0;
            try {
                SmsPdu decoded = PduDecoder.decode(hex, smsc);
                checkSane(decoded);
            } catch (PduException expected) {
                // the one acceptable way to refuse
            } catch (Throwable t) {
                failures++;
                if (first == null) {
                    first = t + " on " + (smsc ? "" : "(no SMSC) ") + hex;
                }
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return new FuzzResult(inputs, failures, inputs / seconds, first);
    }

    /** A decoded PDU never carries more than one SMS can hold, whatever the input claimed. */
    private static void checkSane(SmsPdu pdu) {
        UserData ud = pdu instanceof SmsDeliver d ? d.userData() : pdu instanceof SmsSubmit s ? s.userData()
                : ((SmsStatusReport) pdu).userData();
        if (pdu.tpduLength() < 0 || ud != null && (ud.text() != null && ud.text().length() > 160
                || ud.data() != null && ud.data().length > 140)) {
            throw new IllegalStateException("implausible decode: " + pdu);
        }
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String hex : PduSamples.ALL) {
            seeds.add(HEX.parseHex(hex));
        }
        OffsetDateTime t = OffsetDateTime.parse("2026-03-01T10:00:00-04:00");
        try {
            String longText = "Long GSM text with {escapes} and € signs, split in parts. ".repeat(6);
            String emoji = "Selamat ulang tahun \uD83C\uDF89\uD83C\uDF82 مبروك ".repeat(4);
            add(seeds, PduCodec.encodeSubmit(new SubmitRequest("+6281234567890", longText, false, true, 200,
                    "+62816124")));
            add(seeds, PduCodec.encodeSubmit(new SubmitRequest("0812345", emoji, false, false, 40000, null)));
            add(seeds, PduCodec.encodeDeliver(new DeliverRequest("INFO", longText, "+62816124", t, 7, false)));
            add(seeds, PduCodec.encodeDeliver(new DeliverRequest("+447700900123", emoji, null, t, 300, false)));
            add(seeds, PduCodec.encodeDeliver(new DeliverRequest("12345", "short", null, t, 0, true)));
            add(seeds, List.of(PduCodec.encodeStatusReport(new StatusReportRequest("+62816124", "+6281234567890", 9,
                    0x41, t, t.plusMinutes(3)))));
        } catch (PduException e) {
            throw new IllegalStateException("seed encoding failed", e);
        }
        return seeds;
    }

    private static void add(List<byte[]> seeds, List<EncodedPdu> pdus) {
        for (EncodedPdu pdu : pdus) {
            seeds.add(HEX.parseHex(pdu.hex()));
        }
    }

    private static byte[] mutate(byte[] original, List<byte[]> seeds, SplittableRandom random) {
        byte[] pdu = original.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds && pdu.length > 0; i++) {
            int at = random.nextInt(pdu.length);
            switch (random.nextInt(8)) {
                case 0 -> pdu[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> pdu[at] = (byte) random.nextInt(256);
                case 2 -> pdu[at] = (byte) BOUNDARY[random.nextInt(BOUNDARY.length)];
                case 3 -> pdu = java.util.Arrays.copyOf(pdu, at); // truncate
                case 4 -> pdu = insert(pdu, at, random);
                case 5 -> pdu = remove(pdu, at);
                case 6 -> pdu = splice(pdu, at, seeds.get(random.nextInt(seeds.size())), random);
                default -> pdu = java.util.Arrays.copyOf(pdu, pdu.length + random.nextInt(40)); // zero padding
            }
        }
        return pdu;
    }

    private static byte[] insert(byte[] pdu, int at, SplittableRandom random) {
        byte[] out = new byte[pdu.length + 1];
        System.arraycopy(pdu, 0, out, 0, at);
        out[at] = (byte) random.nextInt(256);
        System.arraycopy(pdu, at, out, at + 1, pdu.length - at);
        return out;
    }

    private static byte[] remove(byte[] pdu, int at) {
        byte[] out = new byte[pdu.length - 1];
        System.arraycopy(pdu, 0, out, 0, at);
        System.arraycopy(pdu, at + 1, out, at, pdu.length - at - 1);
        return out;
    }

    private static byte[] splice(byte[] pdu, int at, byte[] other, SplittableRandom random) {
        int from = random.nextInt(other.length);
        byte[] out = java.util.Arrays.copyOf(pdu, at + other.length - from);
        System.arraycopy(other, from, out, at, other.length - from);
        return out;
    }

    private static String mutateHex(String hex, SplittableRandom random) {
        if (hex.isEmpty()) {
            return random.nextBoolean() ? "" : " ";
        }
        int at = random.nextInt(hex.length());
        return switch (random.nextInt(4)) {
            case 0 -> hex.substring(0, at) + hex.substring(at + 1); // odd length
            case 1 -> hex.substring(0, at) + "GZ x-\u00E9\u0000".charAt(random.nextInt(7)) + hex.substring(at + 1);
            case 2 -> hex.toLowerCase();
            default -> " " + hex + "\r\n";
        };
    }
}
