package org.switchboard.broadcast;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.switchboard.channel.modem.GsmParts;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Plans one broadcast to 100,000 contacts on the local PostgreSQL and prints how long storing every SMS took and the
 * JVM's peak heap while it did (run with a small -Xmx, e.g. 256m: ./bench plan). Prints figures; asserts nothing.
 */
public final class BroadcastPlanBench {

    private static final String TEMPLATE = "Halo {first_name}, alumni {school} angkatan {graduation_year}: pengumuman"
            + " kelulusan besok pukul 08.00 di aula.";

    private BroadcastPlanBench() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 100_000;
        System.out.printf(Locale.ROOT, "plan: %,d contacts, JVM max heap %d MB%n", contacts,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        try (TestDatabase db = TestDatabases.create()) {
            long t0 = System.nanoTime();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO contact (number, name, attributes)"
                        + " SELECT '+62812' || lpad(g::text, 8, '0'), 'Murid' || g || ' Santoso',"
                        + " jsonb_build_object('school', 'SMA ' || (g % 10), 'graduation_year', (2015 + g % 8)::text,"
                        + "                    'major', CASE WHEN g % 2 = 0 THEN 'IPA' ELSE 'IPS' END)"
                        + " FROM generate_series(1, " + contacts + ") g");
                st.execute("INSERT INTO opt_out (number, keyword) SELECT number, 'STOP' FROM contact WHERE id % 100 = 0");
                st.execute("ANALYZE contact");
            }
            System.out.printf(Locale.ROOT, "plan: contacts created in %,d ms (1%% opted out)%n",
                    (System.nanoTime() - t0) / 1_000_000);

            BroadcastPlanner planner = new BroadcastPlanner(db.dataSource(), new PhoneNumbers("ID"), new GsmParts());
            // Warm-up on one school (a tenth of the contacts), so the timed run measures a warm JIT.
            Plan warm = planner.plan(new BroadcastRequest("bench@school.example", "api", null, null,
                    Map.of("school", "SMA 3"), TEMPLATE, true));
            System.out.printf(Locale.ROOT, "plan: warm-up broadcast to one school: %s%n", brief(warm));

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            Plan plan = planner.plan(new BroadcastRequest("bench@school.example", "api", "bench-1", null, Map.of(),
                    TEMPLATE, true));
            long planMs = (System.nanoTime() - start) / 1_000_000;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, "plan: %s%n", brief(plan));
            Plan.Planned p = (Plan.Planned) plan;
            System.out.printf(Locale.ROOT, "plan: planned and stored %,d SMS in %,d ms (%,.0f rows/s; goal < 10 s)%n",
                    p.recipients(), planMs, p.recipients() * 1000.0 / Math.max(1, planMs));
            System.out.printf(Locale.ROOT, "plan: peak heap used during planning %.1f MB (sum of heap pools' peaks;"
                    + " goal < 256 MB)%n", peak / (1024.0 * 1024.0));

            Path csv = Files.createTempFile("broadcast-bench-", ".csv");
            try {
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                start = System.nanoTime();
                long rows;
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    rows = new BroadcastReport(db.dataSource()).writeCsv(p.broadcastId(), w);
                }
                long csvMs = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(Locale.ROOT, "plan: report CSV of %,d rows (%,d KB) written in %,d ms, peak heap %.1f MB%n",
                        rows, Files.size(csv) / 1024, csvMs,
                        heap.stream().mapToLong(x -> x.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0));
            } finally {
                Files.deleteIfExists(csv);
            }
        } catch (IOException | SQLException e) {
            throw e;
        }
    }

    private static String brief(Plan plan) {
        if (plan instanceof Plan.Planned p) {
            return String.format(Locale.ROOT, "%,d recipients, %,d opted out, %,d invalid, %,d duplicates, %,d parts"
                    + " (max %d per SMS)", p.recipients(), p.optedOut(), p.invalid(), p.duplicates(), p.totalParts(),
                    p.maxParts());
        }
        return "refused: " + ((Plan.Refused) plan).reason();
    }
}
