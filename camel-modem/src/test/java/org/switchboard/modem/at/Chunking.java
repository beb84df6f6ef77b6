package org.switchboard.modem.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** How a replay cuts the modem's bytes into reads: as recorded, one byte per read, or at random with a fixed seed. */
record Chunking(String name, long seed, int mode) {
    static final Chunking AS_RECORDED = new Chunking("as recorded", 0, 0);
    static final Chunking EVERY_BYTE = new Chunking("every byte", 0, 1);

    static Chunking random(long seed) {
        return new Chunking("random seed " + seed, seed, 2);
    }

    static List<Chunking> standardSet() {
        return List.of(AS_RECORDED, EVERY_BYTE, random(1), random(42), random(20240607));
    }

    /** A splitter for one replay; random ones carry their state across entries, as a real reader would. */
    Splitter splitter() {
        Random random = new Random(seed);
        return bytes -> {
            List<int[]> cuts = new ArrayList<>();
            int at = 0;
            while (at < bytes) {
                int size = switch (mode) {
                    case 0 -> bytes;
                    case 1 -> 1;
                    default -> 1 + random.nextInt(random.nextBoolean() ? 4 : 64);
                };
                size = Math.min(size, bytes - at);
                cuts.add(new int[] {at, size});
                at += size;
            }
            return cuts;
        };
    }

    interface Splitter {
        /** {offset, length} pairs covering 0..bytes. */
        List<int[]> cuts(int bytes);
    }

    @Override
    public String toString() {
        return name;
    }
}
