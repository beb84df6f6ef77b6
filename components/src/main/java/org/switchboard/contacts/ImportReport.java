package org.switchboard.contacts;

import java.util.List;

/**
 * What a CSV import did, row by row where it matters: data rows read (blank rows are not counted), contacts created,
 * updated (a new name or attribute value) and unchanged (already as the file has them), rows merged into an earlier row
 * with the same number, and rows rejected. Every row read is exactly one of created, updated, unchanged, merged or
 * rejected. Lines are physical lines of the file, the header being line 1.
 */
public record ImportReport(long rowsRead, long created, long updated, long unchanged, long mergedDuplicates,
        List<Duplicate> duplicates, List<Rejected> rejected, List<String> warnings) {

    public ImportReport {
        duplicates = List.copyOf(duplicates);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }

    /** One number found on several lines: the rows were merged into one contact, later non-blank cells winning. */
    public record Duplicate(String number, List<Long> lines) {
        public Duplicate {
            lines = List.copyOf(lines);
        }
    }

    /** A row not imported: its line, the number as written in the file, and why. */
    public record Rejected(long line, String number, String reason) {
    }

    /** In a few lines of plain text, every rejected row included: what the CLI prints and an email can quote. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(rowsRead).append(" row(s) read: ").append(created).append(" contact(s) created, ").append(updated)
                .append(" updated, ").append(unchanged).append(" unchanged, ").append(mergedDuplicates).append(" duplicate row(s) merged, ").append(rejected.size())
                .append(" rejected.\n");
        for (Duplicate d : duplicates) {
            sb.append("  duplicate ").append(d.number()).append(" on lines ").append(join(d.lines())).append(" (merged)\n");
        }
        for (Rejected r : rejected) {
            sb.append("  line ").append(r.line()).append(": \"").append(r.number()).append("\" ").append(r.reason())
                    .append(" (not imported)\n");
        }
        for (String w : warnings) {
            sb.append("  note: ").append(w).append('\n');
        }
        return sb.toString();
    }

    private static String join(List<Long> lines) {
        StringBuilder sb = new StringBuilder();
        for (Long l : lines) {
            sb.append(sb.length() == 0 ? "" : ", ").append(l);
        }
        return sb.toString();
    }
}
