package org.switchboard.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Admissions-style contact lists for tests and benchmarks: {@code name,phone,school,major,graduation_year}, N rows of
 * which a given number have an invalid phone number, the same for the same seed. Valid numbers are distinct Indonesian
 * mobiles (+62 812 ...), written national ({@code 0812...}) or international ({@code +62 812-...}) at random.
 */
public final class ContactCsvFixtures {

    public static final String HEADER = "name,phone,school,major,graduation_year";
    public static final List<String> SCHOOLS = List.of("SMA N 1 Yogyakarta", "SMA N 3 Yogyakarta", "SMA N 8 Yogyakarta",
            "SMA Muhammadiyah 1 Yogyakarta", "SMK N 2 Depok, Sleman", "MAN 1 Yogyakarta");
    public static final List<String> MAJORS = List.of("IPA", "IPS", "Bahasa");
    public static final List<String> YEARS = List.of("2017", "2018", "2019", "2020");
    private static final List<String> GIVEN = List.of("Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Nur",
            "Fajar", "Ayu", "Joko", "Rina");
    private static final List<String> FAMILY = List.of("Santoso", "Rahayu", "Wijaya", "Lestari", "Pratama", "Hidayat",
            "Saputra", "Kusuma", "Nugroho", "Wulandari");
    private static final List<String> INVALID = List.of("0812", "12345", "not known", "+62 21", "0812-3456-7890-1234-5");

    private ContactCsvFixtures() {
    }

    /** One generated contact; {@code e164} is null for an invalid number. {@code line} is its line in the file. */
    public record Row(long line, String name, String phone, String e164, String school, String major, String year) {
    }

    /** The rows of a file of {@code rows} contacts, {@code invalid} of them (spread at random) with a bad number. */
    public static List<Row> rows(int rows, int invalid, long seed) {
        if (invalid > rows) {
            throw new IllegalArgumentException("more invalid rows than rows");
        }
        Random random = new Random(seed);
        // Pick which rows are invalid: a partial Fisher-Yates over row indexes.
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        boolean[] bad = new boolean[rows];
        for (int i = 0; i < invalid; i++) {
            int j = i + random.nextInt(rows - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            bad[order[i]] = true;
        }
        List<Row> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            String name = pick(random, GIVEN) + " " + pick(random, FAMILY);
            String school = pick(random, SCHOOLS);
            String major = pick(random, MAJORS);
            String year = pick(random, YEARS);
            String phone;
            String e164;
            if (bad[i]) {
                phone = pick(random, INVALID);
                e164 = null;
            } else {
                // 0812 + 8 digits: row i gets its own subscriber number, so valid numbers never repeat.
                String subscriber = String.format("%08d", (i * 7919L + seed) % 100_000_000L);
                e164 = "+62812" + subscriber;
                phone = random.nextBoolean() ? "0812" + subscriber
                        : "+62 812-" + subscriber.substring(0, 4) + "-" + subscriber.substring(4);
            }
            out.add(new Row(i + 2L, name, phone, e164, school, major, year));
        }
        return out;
    }

    /** The file's text: the header, then one line per row (the school quoted, as some hold a comma). */
    public static String csv(int rows, int invalid, long seed) {
        StringBuilder sb = new StringBuilder(rows * 64);
        try {
            write(sb, rows(rows, invalid, seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Writes the file to {@code path} in UTF-8. */
    public static Path write(Path path, int rows, int invalid, long seed) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(w, rows(rows, invalid, seed));
        }
        return path;
    }

    private static void write(Appendable out, List<Row> rows) throws IOException {
        out.append(HEADER).append('\n');
        for (Row r : rows) {
            out.append(r.name()).append(',').append(r.phone()).append(",\"").append(r.school()).append("\",")
                    .append(r.major()).append(',').append(r.year()).append('\n');
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
